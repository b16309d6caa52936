package grpc

import "context"

// DecodeRequestFunc turns the gRPC request message a server received into
// the endpoint's request value. It is where a server validates its input:
// return a status error (status.Error(codes.InvalidArgument, ...)) to choose
// the code the client sees; any other error reaches it as Unknown.
type DecodeRequestFunc func(context.Context, any) (request any, err error)

// EncodeRequestFunc turns the endpoint's request value into the gRPC
// request message a client sends.
type EncodeRequestFunc func(context.Context, any) (request any, err error)

// EncodeResponseFunc turns the endpoint's response value into the gRPC
// response message a server returns. The binding type-asserts the message
// to the generated response type.
type EncodeResponseFunc func(context.Context, any) (response any, err error)

// DecodeResponseFunc turns the gRPC reply message a client received (a
// pointer to the grpcReply type given to NewClient) into the endpoint's
// response value.
type DecodeResponseFunc func(context.Context, any) (response any, err error)
