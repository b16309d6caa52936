package endpoint

import "context"

// Endpoint is the fundamental building block of servers and clients. It
// represents a single RPC method: it takes a request and returns a response
// or an error. An Endpoint must be safe for concurrent use unless its
// documentation says otherwise.
type Endpoint func(ctx context.Context, request any) (response any, err error)

// Nop is an Endpoint that does nothing: it returns an empty struct{} as its
// response and a nil error. It is handy as a placeholder in tests and examples.
func Nop(context.Context, any) (any, error) { return struct{}{}, nil }

// Middleware is a chainable behaviour modifier for endpoints: it takes an
// Endpoint and returns a new Endpoint that usually calls the one it was
// given.
type Middleware func(Endpoint) Endpoint

// Chain is a helper function for composing middlewares. Requests traverse
// them in the order they are declared: outer sees the request first and the
// response last, and the innermost of others wraps the endpoint directly.
//
// Chain does its work once, when the returned Middleware is applied; calling
// the resulting Endpoint costs exactly the middlewares' own work.
func Chain(outer Middleware, others ...Middleware) Middleware {
	return func(next Endpoint) Endpoint {
		for i := len(others) - 1; i >= 0; i-- {
			next = others[i](next)
		}
		return outer(next)
	}
}

// Failer may be implemented by response types that carry a business-logic
// error. Transports check for it so that they can encode such a failure
// the way they encode errors returned by the Endpoint itself (for example
// with an error status code), while the Endpoint's own error stays reserved
// for transport and infrastructure failures.
type Failer interface {
	Failed() error
}
