package circuitbreaker

import (
	"context"

	"github.com/afex/hystrix-go/hystrix"

	"github.com/seedkit/kit/endpoint"
)

// Hystrix returns an endpoint.Middleware that runs each call as the
// hystrix-go command commandName (hystrix.Do, without fallback). Configure the
// command beforehand with hystrix.ConfigureCommand; an unconfigured name uses
// hystrix-go's defaults.
//
// A call rejected by hystrix returns its error (hystrix.ErrCircuitOpen,
// hystrix.ErrMaxConcurrency, hystrix.ErrTimeout); an error of the endpoint is
// returned unchanged. On a timeout the endpoint keeps running in hystrix's
// goroutine until it returns, and its response is discarded.
//
// hystrix-go's state is process-wide and keyed by name: two middlewares with
// the same commandName share one circuit.
func Hystrix(commandName string) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, request any) (any, error) {
			var response any
			err := hystrix.Do(commandName, func() error {
				var err error
				response, err = next(ctx, request)
				return err
			}, nil)
			if err != nil {
				return nil, err
			}
			return response, nil
		}
	}
}
