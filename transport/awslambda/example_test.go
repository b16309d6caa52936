package awslambda_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/seedkit/kit/transport/awslambda"
)

// A Handler is what lambda.StartHandler runs; here it is invoked directly,
// as the runtime would.
func Example() {
	type upperRequest struct{ S string }
	upper := func(_ context.Context, request any) (any, error) {
		s := request.(upperRequest).S
		if s == "" {
			return nil, errors.New("empty string")
		}
		return map[string]string{"v": strings.ToUpper(s)}, nil
	}
	decode := func(_ context.Context, payload []byte) (any, error) {
		var req upperRequest
		err := json.Unmarshal(payload, &req)
		return req, err
	}
	encode := func(_ context.Context, response any) ([]byte, error) {
		return json.Marshal(response)
	}
	h := awslambda.NewHandler(upper, decode, encode,
		awslambda.HandlerFinalizer(func(_ context.Context, resp []byte, err error) {
			fmt.Printf("finalizer: %s %v\n", resp, err)
		}),
	)

	for _, payload := range []string{`{"S":"hello"}`, `{"S":""}`, `{"S":`} {
		resp, err := h.Invoke(context.Background(), []byte(payload))
		fmt.Printf("%s -> %s %v\n", payload, resp, err)
	}
	// Output:
	// finalizer: {"v":"HELLO"} <nil>
	// {"S":"hello"} -> {"v":"HELLO"} <nil>
	// finalizer:  empty string
	// {"S":""} ->  empty string
	// finalizer:  unexpected end of JSON input
	// {"S": ->  unexpected end of JSON input
}

// An ErrorEncoder can report errors in the response body instead of failing
// the invocation.
func ExampleHandlerErrorEncoder() {
	h := awslambda.NewHandler(
		func(context.Context, any) (any, error) { return nil, errors.New("quota exceeded") },
		func(context.Context, []byte) (any, error) { return nil, nil },
		func(context.Context, any) ([]byte, error) { return nil, nil },
		awslambda.HandlerErrorEncoder(func(_ context.Context, err error) ([]byte, error) {
			return json.Marshal(map[string]string{"error": err.Error()})
		}),
	)
	resp, err := h.Invoke(context.Background(), []byte(`{}`))
	fmt.Printf("%s %v\n", resp, err)
	// Output: {"error":"quota exceeded"} <nil>
}
