package apicompat_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/lb"
)

// type Balancer interface { Endpoint() (endpoint.Endpoint, error) }
type lbBalancer = interface {
	Endpoint() (endpoint.Endpoint, error)
}

var (
	_ lb.Balancer = lbBalancer(nil)
	_ lbBalancer  = lb.Balancer(nil)

	_ *error = &lb.ErrNoEndpoints

	// type Callback func(n int, received error) (keepTrying bool, replacement error)
	_ lb.Callback                                                      = func(int, error) (bool, error) { return false, nil }
	_ func(n int, received error) (keepTrying bool, replacement error) = lb.Callback(nil)

	// type RetryError struct { RawErrors []error Final error }
	_ = lb.RetryError(struct {
		RawErrors []error
		Final     error
	}{})
	_ func(lb.RetryError) string = lb.RetryError.Error
	_ error                      = lb.RetryError{}

	_ func(sd.Endpointer, int64) lb.Balancer                          = lb.NewRandom
	_ func(sd.Endpointer) lb.Balancer                                 = lb.NewRoundRobin
	_ func(int, time.Duration, lb.Balancer) endpoint.Endpoint         = lb.Retry
	_ func(time.Duration, lb.Balancer, lb.Callback) endpoint.Endpoint = lb.RetryWithCallback
)

func _(v any) {
	switch v.(type) {
	case lb.Callback:
	case func(int, error) (bool, error):
	}
}

func TestLBValues(t *testing.T) {
	t.Parallel()
	if got := lb.ErrNoEndpoints.Error(); got != "no endpoints available" {
		t.Errorf("ErrNoEndpoints: %q", got)
	}
	e, err := lb.NewRoundRobin(sd.FixedEndpointer{}).Endpoint()
	if e != nil || err != lb.ErrNoEndpoints {
		t.Errorf("empty round robin: got %v, %v", e, err)
	}
	a, b := errors.New("a"), errors.New("b")
	if got := (lb.RetryError{RawErrors: []error{a, b}, Final: b}).Error(); got != "b (previously: a)" {
		t.Errorf("RetryError: %q", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	fail := func(context.Context, any) (any, error) { return nil, a }
	_, err = lb.Retry(3, time.Second, lb.NewRandom(sd.FixedEndpointer{fail}, 1))(ctx, nil)
	var re lb.RetryError
	if !errors.As(err, &re) || len(re.RawErrors) != 3 {
		t.Errorf("Retry(3): got %v", err)
	}
}
