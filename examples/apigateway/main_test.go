package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/seedkit/kit/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

func TestParseFlags(t *testing.T) {
	t.Parallel()
	defaults := config{
		consulAddr: "localhost:8500", httpAddr: "localhost:8000",
		addsvcService: "addsvc", stringsvcService: "stringsvc",
		retryMax: 3, retryTimeout: 500 * time.Millisecond, shutdownTimeout: 10 * time.Second,
		consulWait: time.Minute,
	}
	custom := defaults
	custom.consulAddr, custom.httpAddr = "10.0.0.1:8500", ":9000"
	custom.addsvcService, custom.stringsvcService = "add-b", "str-b"
	custom.retryMax, custom.retryTimeout, custom.retryAttemptTimeout = 5, 2*time.Second, 100*time.Millisecond
	custom.consulWait = 30 * time.Second
	tests := []struct {
		name    string
		args    []string
		want    config
		wantErr string
	}{
		{"defaults", nil, defaults, ""},
		{"all flags", []string{"-consul-addr", "10.0.0.1:8500", "-http-addr", ":9000", "-addsvc-service", "add-b",
			"-stringsvc-service", "str-b", "-retry-max", "5", "-retry-timeout", "2s", "-retry-attempt-timeout", "100ms", "-consul-wait", "30s"}, custom, ""},
		{"zero consul wait", []string{"-consul-wait", "0s"}, config{}, "-consul-wait 0s"},
		{"unknown flag", []string{"-consul.addr", "x"}, config{}, "flag provided but not defined"},
		{"zero attempts", []string{"-retry-max", "0"}, config{}, "-retry-max 0"},
		{"zero timeout", []string{"-retry-timeout", "0s"}, config{}, "-retry-timeout 0s"},
		{"negative attempt timeout", []string{"-retry-attempt-timeout", "-1s"}, config{}, "-retry-attempt-timeout"},
		{"bad duration", []string{"-retry-timeout", "soon"}, config{}, "invalid value"},
		{"empty service", []string{"-addsvc-service", ""}, config{}, "must not be empty"},
		{"stray argument", []string{"extra"}, config{}, "unexpected arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseFlags(tt.args, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseFlags(%q) error = %v, want one containing %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("parseFlags(%q) = %+v, %v; want %+v", tt.args, got, err, tt.want)
			}
		})
	}
}

func TestRunHelp(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	err := run(context.Background(), []string{"-h"}, &out, nil)
	if !errors.Is(err, flag.ErrHelp) || !strings.Contains(out.String(), "-retry-max") {
		t.Fatalf("run -h = %v, output %q; want flag.ErrHelp and the usage", err, out.String())
	}
}

func TestRunListenError(t *testing.T) {
	t.Parallel()
	err := run(context.Background(), []string{"-http-addr", "127.0.0.1:-1"}, io.Discard, nil)
	if err == nil {
		t.Fatal("run with a bad listen address returned nil")
	}
}
