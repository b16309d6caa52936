package apicompat_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
)

// errorHandler is the method set listed for ErrorHandler.
type errorHandler = interface {
	Handle(ctx context.Context, err error)
}

var (
	_ transport.ErrorHandler = errorHandler(nil)
	_ errorHandler           = transport.ErrorHandler(nil)

	// type ErrorHandlerFunc func(ctx context.Context, err error)
	_ transport.ErrorHandlerFunc                               = func(context.Context, error) {}
	_ func(context.Context, error)                             = transport.ErrorHandlerFunc(nil)
	_ func(transport.ErrorHandlerFunc, context.Context, error) = transport.ErrorHandlerFunc.Handle
	_ transport.ErrorHandler                                   = transport.ErrorHandlerFunc(nil)

	// type LogErrorHandler struct { _ unexported }
	_ func(*transport.LogErrorHandler, context.Context, error) = (*transport.LogErrorHandler).Handle
	_ transport.ErrorHandler                                   = (*transport.LogErrorHandler)(nil)

	_ func(log.Logger) *transport.LogErrorHandler = transport.NewLogErrorHandler
)

func _(v any) {
	switch v.(type) {
	case transport.ErrorHandlerFunc:
	case func(context.Context, error):
	}
}

func TestTransportValues(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var buf bytes.Buffer
	transport.NewLogErrorHandler(log.NewLogfmtLogger(&buf)).Handle(ctx, errors.New("boom"))
	if !strings.Contains(buf.String(), "boom") {
		t.Errorf("LogErrorHandler: got %q, want the error logged", buf.String())
	}
}
