//lint:file-ignore SA1019 deprecated identifiers are part of the API being checked.

package apicompat_test

import (
	"context"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
	"github.com/seedkit/kit/transport/awslambda"
)

// lambdaHandler is the AWS Lambda Go runtime's lambda.Handler interface.
type lambdaHandler = interface {
	Invoke(ctx context.Context, payload []byte) ([]byte, error)
}

var _ lambdaHandler = (*awslambda.Handler)(nil)

// Defined func types, converted both ways.
var (
	_ awslambda.DecodeRequestFunc                                       = func(context.Context, []byte) (any, error) { return nil, nil }
	_ func(context.Context, []byte) (any, error)                        = awslambda.DecodeRequestFunc(nil)
	_ awslambda.EncodeResponseFunc                                      = func(context.Context, any) ([]byte, error) { return nil, nil }
	_ func(context.Context, any) ([]byte, error)                        = awslambda.EncodeResponseFunc(nil)
	_ awslambda.ErrorEncoder                                            = func(context.Context, error) ([]byte, error) { return nil, nil }
	_ func(context.Context, error) ([]byte, error)                      = awslambda.ErrorEncoder(nil)
	_ awslambda.HandlerFinalizerFunc                                    = func(context.Context, []byte, error) {}
	_ func(context.Context, []byte, error)                              = awslambda.HandlerFinalizerFunc(nil)
	_ awslambda.HandlerOption                                           = func(*awslambda.Handler) {}
	_ func(*awslambda.Handler)                                          = awslambda.HandlerOption(nil)
	_ awslambda.HandlerRequestFunc                                      = func(context.Context, []byte) context.Context { return nil }
	_ func(context.Context, []byte) context.Context                     = awslambda.HandlerRequestFunc(nil)
	_ awslambda.HandlerResponseFunc                                     = func(context.Context, any) context.Context { return nil }
	_ func(context.Context, any) context.Context                        = awslambda.HandlerResponseFunc(nil)
	_ func(*awslambda.Handler, context.Context, []byte) ([]byte, error) = (*awslambda.Handler).Invoke
)

// Functions.
var (
	_ func(context.Context, error) ([]byte, error)                                                                                      = awslambda.DefaultErrorEncoder
	_ func(...awslambda.HandlerResponseFunc) awslambda.HandlerOption                                                                    = awslambda.HandlerAfter
	_ func(...awslambda.HandlerRequestFunc) awslambda.HandlerOption                                                                     = awslambda.HandlerBefore
	_ func(awslambda.ErrorEncoder) awslambda.HandlerOption                                                                              = awslambda.HandlerErrorEncoder
	_ func(transport.ErrorHandler) awslambda.HandlerOption                                                                              = awslambda.HandlerErrorHandler
	_ func(log.Logger) awslambda.HandlerOption                                                                                          = awslambda.HandlerErrorLogger
	_ func(...awslambda.HandlerFinalizerFunc) awslambda.HandlerOption                                                                   = awslambda.HandlerFinalizer
	_ func(endpoint.Endpoint, awslambda.DecodeRequestFunc, awslambda.EncodeResponseFunc, ...awslambda.HandlerOption) *awslambda.Handler = awslambda.NewHandler
)

// The named func types are defined types, not aliases.
func _(v any) {
	switch v.(type) {
	case awslambda.ErrorEncoder:
	case func(context.Context, error) ([]byte, error):
	case awslambda.HandlerFinalizerFunc:
	case func(context.Context, []byte, error):
	}
}
