// Package thrift binds endpoints to Apache Thrift services.
//
// Go kit has no Thrift transport, only a README describing how its addsvc
// example wires one by hand. kit ships this small package so that a Thrift
// binding gets what every other kit transport has: decode and encode
// functions per method, before/after hooks, finalizers and an error handler
// on the server, and the same on the client.
//
// Thrift generates, per service, a Go interface whose methods take a context
// and the call's arguments. A handler implementing it calls a Server per
// method:
//
//	type handler struct{ sum *thrift.Server }
//
//	func (h handler) Sum(ctx context.Context, a, b int64) (int64, error) {
//		_, resp, err := h.sum.Serve(ctx, sumArgs{a, b})
//		if err != nil {
//			return 0, err
//		}
//		return resp.(int64), nil
//	}
//
// and a client wraps each method of the generated client in a Client:
//
//	sum := thrift.NewClient(func(ctx context.Context, req any) (any, error) {
//		a := req.(sumArgs)
//		return gen.Sum(ctx, a.a, a.b)
//	}, encode, decode).Endpoint()
//
// Thrift's THeader protocol carries string headers with each call.
// ServerHeader reads one on the server side (it works in ServerBefore hooks
// and endpoints alike), and SetRequestHeader is a ClientBefore hook that sends
// one. Headers need a THeader transport and protocol on both ends
// (thrift.NewTHeaderTransportConf / thrift.NewTHeaderProtocolConf); with
// other protocols they are silently absent.
//
// examples/addsvc/pkg/addtransport/thrift.go is a complete binding.
//
// A Server and a Client are safe for concurrent use when their endpoint,
// codecs and hooks are.
package thrift
