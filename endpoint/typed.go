package endpoint

import (
	"context"
	"errors"
	"fmt"
	"reflect"
)

// ErrUnexpectedType is the sentinel matched, through errors.Is, by every
// *TypeError: a typed endpoint was handed a request, or an untyped endpoint
// returned a response, of a type other than the one it was declared with.
var ErrUnexpectedType = errors.New("endpoint: unexpected type")

// TypeError reports a request or response whose dynamic type does not match
// the type parameter of a Typed endpoint. It unwraps to ErrUnexpectedType.
type TypeError struct {
	// Role is "request" or "response".
	Role string
	// Want is the declared type; Got is the dynamic type that arrived
	// (nil when the value was a nil interface).
	Want, Got reflect.Type
}

func (e *TypeError) Error() string {
	got := "nil"
	if e.Got != nil {
		got = e.Got.String()
	}
	return fmt.Sprintf("endpoint: %s has type %s, want %s", e.Role, got, e.Want)
}

// Unwrap returns ErrUnexpectedType.
func (e *TypeError) Unwrap() error { return ErrUnexpectedType }

// Typed is a type-safe Endpoint: its request and response have static types.
// Business logic written as a Typed endpoint converts losslessly to and from
// the untyped Endpoint that transports and middlewares work with, so every
// Middleware still composes.
//
// Like Endpoint, a Typed endpoint must be safe for concurrent use unless its
// documentation says otherwise.
type Typed[Req, Resp any] func(ctx context.Context, req Req) (Resp, error)

// Endpoint returns t as an untyped Endpoint. The Endpoint type-asserts its
// request to Req; a request of another type makes it return a nil response
// and a *TypeError, never panic. A nil request is accepted as the zero Req
// when Req is an interface, pointer, map, slice, func or channel type.
//
// The response is returned as is: a typed nil pointer stays a typed nil.
func (t Typed[Req, Resp]) Endpoint() Endpoint {
	nilOK := acceptsNil[Req]()
	return func(ctx context.Context, request any) (any, error) {
		req, ok := request.(Req)
		if !ok && !(request == nil && nilOK) {
			return nil, &TypeError{Role: "request", Want: typeOf[Req](), Got: reflect.TypeOf(request)}
		}
		return t(ctx, req)
	}
}

// Typed returns e as a Typed endpoint. The typed endpoint passes its request
// to e unchanged and type-asserts e's response to Resp: when e fails, its
// error is returned with the zero Resp; when e succeeds with a response of
// another type, the result is the zero Resp and a *TypeError. A nil response
// is accepted as the zero Resp when Resp is an interface, pointer, map, slice,
// func or channel type.
func FromEndpoint[Req, Resp any](e Endpoint) Typed[Req, Resp] {
	nilOK := acceptsNil[Resp]()
	return func(ctx context.Context, req Req) (Resp, error) {
		response, err := e(ctx, req)
		resp, ok := response.(Resp)
		if err != nil {
			return resp, err
		}
		if !ok && !(response == nil && nilOK) {
			return resp, &TypeError{Role: "response", Want: typeOf[Resp](), Got: reflect.TypeOf(response)}
		}
		return resp, nil
	}
}

// Use returns t wrapped by the untyped middlewares mw, as by
// Chain(mw[0], mw[1:]...): mw[0] is the outermost. With no middleware it
// returns t itself.
func (t Typed[Req, Resp]) Use(mw ...Middleware) Typed[Req, Resp] {
	if len(mw) == 0 {
		return t
	}
	return FromEndpoint[Req, Resp](Chain(mw[0], mw[1:]...)(t.Endpoint()))
}

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

// acceptsNil reports whether a nil interface value is a fair stand-in for
// the zero value of T.
func acceptsNil[T any]() bool {
	switch typeOf[T]().Kind() {
	case reflect.Interface, reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return true
	}
	return false
}
