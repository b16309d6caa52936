// Package transport holds what every kit transport shares. Transports such
// as transport/http and transport/grpc bind endpoints to a wire protocol;
// this package defines ErrorHandler, the hook through which a server reports
// errors that the client does not otherwise get to see (decode failures,
// failed writes, endpoint errors), so that they can be logged or counted.
//
// A complete program:
//
//	package main
//
//	import (
//		"context"
//		"errors"
//		"os"
//
//		"github.com/seedkit/kit/log"
//		"github.com/seedkit/kit/transport"
//	)
//
//	func main() {
//		var h transport.ErrorHandler = transport.NewLogErrorHandler(log.NewLogfmtLogger(os.Stdout))
//		h.Handle(context.Background(), errors.New("decode: unexpected EOF"))
//		// prints: err="decode: unexpected EOF"
//	}
package transport
