package transport_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
)

func ExampleErrorHandlerFunc() {
	var failures int
	h := transport.ErrorHandlerFunc(func(_ context.Context, err error) {
		failures++
		fmt.Println("transport error:", err)
	})
	h.Handle(context.Background(), errors.New("decode: unexpected EOF"))
	fmt.Println("failures:", failures)
	// Output:
	// transport error: decode: unexpected EOF
	// failures: 1
}

func ExampleNewLogErrorHandler() {
	h := transport.NewLogErrorHandler(log.NewLogfmtLogger(os.Stdout))
	h.Handle(context.Background(), errors.New("decode: unexpected EOF"))
	// Output: err="decode: unexpected EOF"
}
