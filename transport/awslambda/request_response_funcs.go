package awslambda

import "context"

// HandlerRequestFunc may take information from the invocation payload (or
// the context the Lambda runtime provides) and put it into the request's
// context. It runs before the payload is decoded. See HandlerBefore.
type HandlerRequestFunc func(ctx context.Context, payload []byte) context.Context

// HandlerResponseFunc may take information from the request's context and
// act on the endpoint's response before it is encoded. It runs only after
// the endpoint succeeded. See HandlerAfter.
type HandlerResponseFunc func(ctx context.Context, response any) context.Context

// HandlerFinalizerFunc runs at the end of every invocation, typically to log
// or measure it, with the payload and error Invoke returns (after the error
// encoder, if there was an error). ctx carries what the hooks that ran added.
type HandlerFinalizerFunc func(ctx context.Context, resp []byte, err error)
