package addservice_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/internal/leakcheck"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics/generic"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

func TestSum(t *testing.T) {
	t.Parallel()
	svc := addservice.NewBasicService()
	tests := []struct {
		a, b    int
		want    int
		wantErr error
	}{
		{1, 2, 3, nil},
		{-5, 2, -3, nil},
		{0, 0, 0, addservice.ErrTwoZeroes},
		{math.MaxInt, 1, 0, addservice.ErrIntOverflow},
		{math.MinInt, -1, 0, addservice.ErrIntOverflow},
		{math.MaxInt, math.MinInt, -1, nil},
	}
	for _, tt := range tests {
		got, err := svc.Sum(context.Background(), tt.a, tt.b)
		if got != tt.want || !errors.Is(err, tt.wantErr) {
			t.Errorf("Sum(%d, %d) = %d, %v; want %d, %v", tt.a, tt.b, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestConcat(t *testing.T) {
	t.Parallel()
	svc := addservice.NewBasicService()
	tests := []struct {
		a, b    string
		want    string
		wantErr error
	}{
		{"ab", "cd", "abcd", nil},
		{"", "", "", nil},
		{"01234", "56789", "0123456789", nil},
		{"01234", "567890", "", addservice.ErrMaxSizeExceeded},
	}
	for _, tt := range tests {
		got, err := svc.Concat(context.Background(), tt.a, tt.b)
		if got != tt.want || !errors.Is(err, tt.wantErr) {
			t.Errorf("Concat(%q, %q) = %q, %v; want %q, %v", tt.a, tt.b, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestMiddlewares(t *testing.T) {
	t.Parallel()
	var logs strings.Builder
	ints, chars := generic.NewCounter("ints"), generic.NewCounter("chars")
	svc := addservice.New(log.NewLogfmtLogger(&logs), ints, chars)
	ctx := context.Background()
	_, _ = svc.Sum(ctx, 2, 3)
	_, _ = svc.Sum(ctx, 0, 0) // an error: not counted
	_, _ = svc.Concat(ctx, "ab", "c")
	if got := ints.Value(); got != 5 {
		t.Errorf("ints = %v, want 5", got)
	}
	if got := chars.Value(); got != 3 {
		t.Errorf("chars = %v, want 3", got)
	}
	want := "method=Sum a=2 b=3 v=5 err=null\n" +
		"method=Sum a=0 b=0 v=0 err=\"can't sum two zeroes\"\n" +
		"method=Concat a=ab b=c v=abc err=null\n"
	if logs.String() != want {
		t.Errorf("logs:\n%s\nwant:\n%s", logs.String(), want)
	}
}

func TestIsBusinessError(t *testing.T) {
	t.Parallel()
	for err, want := range map[error]bool{
		addservice.ErrTwoZeroes:       true,
		addservice.ErrIntOverflow:     true,
		addservice.ErrMaxSizeExceeded: true,
		errors.New("network down"):    false,
		nil:                           false,
	} {
		if got := addservice.IsBusinessError(err); got != want {
			t.Errorf("IsBusinessError(%v) = %v", err, got)
		}
	}
}
