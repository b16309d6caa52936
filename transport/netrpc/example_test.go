package netrpc_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/rpc"
	"strings"

	"github.com/seedkit/kit/transport/netrpc"
)

// UpperRequest and UpperReply are the wire types; net/rpc needs them
// exported.
type UpperRequest struct{ S string }

type UpperReply struct{ V string }

// An endpoint served over net/rpc and called through a client endpoint, on
// an in-memory connection.
func Example() {
	upper := func(_ context.Context, request any) (any, error) {
		s := request.(UpperRequest).S
		if s == "" {
			return nil, errors.New("empty string")
		}
		return UpperReply{V: strings.ToUpper(s)}, nil
	}

	srv := rpc.NewServer()
	if err := netrpc.Register(srv, "Upper", netrpc.NewServer[UpperRequest, UpperReply](upper, nil, nil)); err != nil {
		fmt.Println(err)
		return
	}
	serverConn, clientConn := net.Pipe()
	go srv.ServeConn(serverConn)
	client := rpc.NewClient(clientConn)
	defer client.Close()

	call := netrpc.NewClient[UpperRequest, UpperReply](client, netrpc.ServiceMethod("Upper"), nil, nil)
	for _, s := range []string{"hello", ""} {
		resp, err := call(context.Background(), UpperRequest{S: s})
		fmt.Printf("%q: %v %v\n", s, resp, err)
	}
	// Output:
	// "hello": {HELLO} <nil>
	// "": <nil> empty string
}

// Codecs convert between wire types and the endpoint's own values.
func ExampleNewClient_codecs() {
	double := func(_ context.Context, request any) (any, error) { return 2 * request.(int), nil }

	srv := rpc.NewServer()
	s := netrpc.NewServer(double,
		func(_ context.Context, req int64) (any, error) { return int(req), nil },
		func(_ context.Context, response any) (int64, error) { return int64(response.(int)), nil },
	)
	if err := netrpc.Register(srv, "Double", s); err != nil {
		fmt.Println(err)
		return
	}
	serverConn, clientConn := net.Pipe()
	go srv.ServeConn(serverConn)
	client := rpc.NewClient(clientConn)
	defer client.Close()

	call := netrpc.NewClient(client, netrpc.ServiceMethod("Double"),
		func(_ context.Context, request any) (int64, error) { return int64(request.(int)), nil },
		func(_ context.Context, resp int64) (any, error) { return int(resp), nil },
	)
	resp, err := call(context.Background(), 21)
	fmt.Println(resp, err)
	// Output: 42 <nil>
}
