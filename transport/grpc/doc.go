// Package grpc binds endpoints to gRPC (google.golang.org/grpc): a Server
// turns an endpoint into a Handler that a generated service implementation
// calls for one RPC, and a Client turns one remote gRPC method into an
// endpoint.Endpoint. Users usually import it as grpctransport or kitgrpc. It
// is the API of Go kit's transport/grpc, for unary RPCs; streaming RPCs are
// written against grpc-go directly.
//
// A Server runs, for every request, its ServerBefore functions (which see
// the incoming metadata), the DecodeRequestFunc, the endpoint, its
// ServerAfter functions (which may set response header and trailer
// metadata) and the EncodeResponseFunc. A Client runs the mirror image:
// encode, ClientBefore (outgoing metadata), invoke, ClientAfter (reply header
// and trailer), decode. Finalizers on both sides see every call's outcome.
//
// Errors are not translated: ServeGRPC returns them to the binding, which
// returns them to grpc-go. An error carrying a gRPC status (status.Error, or
// anything with a GRPCStatus method, wrapped or not) keeps its code on the
// wire; other errors become Unknown, and context errors Canceled or
// DeadlineExceeded. On the client, the endpoint returns grpc-go's status
// error, so status.Code(err) is the server's code.
//
// The generated code needs a small binding per service, one Server per RPC:
//
//	type binding struct {
//		pb.UnimplementedAdderServer
//		sum kitgrpc.Handler
//	}
//
//	func (b *binding) Sum(ctx context.Context, req *pb.SumRequest) (*pb.SumReply, error) {
//		_, resp, err := b.sum.ServeGRPC(ctx, req)
//		if err != nil {
//			return nil, err
//		}
//		return resp.(*pb.SumReply), nil
//	}
//
//	func main() {
//		s := grpc.NewServer(grpc.UnaryInterceptor(kitgrpc.Interceptor))
//		pb.RegisterAdderServer(s, &binding{sum: kitgrpc.NewServer(sumEndpoint, decodeSum, encodeSum)})
//		lis, _ := net.Listen("tcp", ":8082")
//		_ = s.Serve(lis)
//	}
//
// and a client endpoint is
//
//	sum := kitgrpc.NewClient(conn, "pkg.Adder", "Sum", encodeSum, decodeSum, pb.SumReply{}).Endpoint()
//
// Beyond Go kit: hooks cost nothing when absent. A Server without
// ServerBefore functions never copies the incoming metadata, one without
// ServerAfter functions never builds header or trailer maps, a Client without
// ClientBefore functions leaves the outgoing metadata alone and one without
// ClientAfter functions does not ask for the reply's header and trailer; a
// client call adds one context value and no cancel context. Metadata already
// on a client's context (metadata.NewOutgoingContext) is kept and shown to
// the ClientBefore functions, where Go kit dropped it; the Set* functions and
// ServerAfter's maps never panic on nil metadata; a nil grpcReply gives
// ErrNoReplyType instead of a panic.
//
// Servers and Clients are safe for concurrent use as long as the endpoints,
// codecs and hooks given to them are.
package grpc
