// Package awslambda binds endpoints to AWS Lambda: a Handler turns an
// endpoint into the lambda.Handler that the Lambda Go runtime
// (github.com/aws/aws-lambda-go/lambda) invokes, an
// Invoke(ctx, payload []byte) ([]byte, error) method. The package does not
// import the SDK; hand the Handler to lambda.StartHandler in main. It is the
// API of Go kit's transport/awslambda.
//
// For every invocation a Handler runs its HandlerBefore functions, the
// DecodeRequestFunc, the endpoint, its HandlerAfter functions and the
// EncodeResponseFunc. Any error goes to the ErrorHandler and then to the
// ErrorEncoder, whose result Invoke returns (by default the error itself).
// Finalizers see every invocation's outcome:
//
//	package main
//
//	import (
//		"context"
//		"encoding/json"
//		"strings"
//
//		"github.com/aws/aws-lambda-go/lambda"
//		"github.com/seedkit/kit/transport/awslambda"
//	)
//
//	type upperRequest struct{ S string }
//
//	func upper(_ context.Context, request any) (any, error) {
//		return map[string]string{"v": strings.ToUpper(request.(upperRequest).S)}, nil
//	}
//
//	func decode(_ context.Context, payload []byte) (any, error) {
//		var req upperRequest
//		err := json.Unmarshal(payload, &req)
//		return req, err
//	}
//
//	func encode(_ context.Context, response any) ([]byte, error) {
//		return json.Marshal(response)
//	}
//
//	func main() {
//		lambda.StartHandler(awslambda.NewHandler(upper, decode, encode))
//	}
//
// A Handler is safe for concurrent use as long as its endpoint, codecs and
// hooks are.
package awslambda
