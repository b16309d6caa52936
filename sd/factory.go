package sd

import (
	"io"

	"github.com/seedkit/kit/endpoint"
)

// Factory turns an instance string (usually host:port) from an Instancer into
// an Endpoint that talks to that instance.
//
// The io.Closer, which may be nil, releases what the endpoint holds (a
// connection, a pool); the Endpointer calls it once, when the instance leaves
// the set or the Endpointer is closed. An error means no endpoint could be
// made for this instance: the Endpointer logs it and leaves the instance out
// until the next Event lists it again.
//
// The Endpointer calls a Factory from one goroutine at a time.
type Factory func(instance string) (endpoint.Endpoint, io.Closer, error)
