// Package netrpc binds endpoints to the standard library's net/rpc: a
// Server exposes one endpoint as a net/rpc service, and NewClient turns a
// remote net/rpc method into an endpoint.Endpoint.
//
// Go kit has no such package, only a README saying to write the binding by
// hand; kit ships this small adapter so that a service can offer net/rpc as
// one more transport without reflection-shaped boilerplate. net/rpc finds
// methods by reflection, so each endpoint is its own service with one method,
// Call: Server[Req, Resp] has
//
//	func (s *Server[Req, Resp]) Call(req Req, resp *Resp) error
//
// and is registered under a name with Register (or rpc.Server.RegisterName);
// clients call it as ServiceMethod(name), that is "name.Call". Req and Resp
// are the wire types, encoded by net/rpc's codec (gob by default): they must
// be exported or built-in types. Typed codecs (DecodeRequestFunc,
// EncodeResponseFunc, EncodeRequestFunc, DecodeResponseFunc) convert between
// them and the endpoint's values; nil codecs pass values through, and a
// value of the wrong type is an error wrapping ErrType, never a panic.
//
//	srv := rpc.NewServer()
//	s := netrpc.NewServer[SumRequest, SumReply](sumEndpoint, nil, nil)
//	if err := netrpc.Register(srv, "Sum", s); err != nil {
//		return err
//	}
//	go srv.Accept(listener)
//
//	client, _ := rpc.Dial("tcp", addr)
//	sum := netrpc.NewClient[SumRequest, SumReply](client, netrpc.ServiceMethod("Sum"), nil, nil)
//	resp, err := sum(ctx, SumRequest{A: 2, B: 3})
//
// net/rpc carries no metadata and no deadline: a Server's calls start from
// context.Background() (ServerBefore can add to it), and a client endpoint
// stops waiting when its context ends but cannot stop the server. Errors
// cross the wire as text: the client gets an rpc.ServerError holding the
// server error's Error().
//
// Servers and client endpoints are safe for concurrent use as long as the
// endpoints, codecs and hooks given to them are.
package netrpc
