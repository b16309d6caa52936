package awslambda

import "context"

// DecodeRequestFunc turns an invocation payload (usually JSON) into the
// endpoint's request value. It should reject a malformed payload with an
// error; it must not keep payload after it returns unless it copies it.
type DecodeRequestFunc func(context.Context, []byte) (any, error)

// EncodeResponseFunc turns the endpoint's response value into the bytes
// returned to the Lambda runtime (usually JSON).
type EncodeResponseFunc func(context.Context, any) ([]byte, error)

// ErrorEncoder turns a decoder, endpoint or encoder error into what Invoke
// returns. See DefaultErrorEncoder and HandlerErrorEncoder.
type ErrorEncoder func(ctx context.Context, err error) ([]byte, error)
