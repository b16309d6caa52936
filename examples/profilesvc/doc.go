// Package profilesvc is a REST service managing profiles and their
// addresses, written the kit way: a Service interface holding the business
// logic (here an in-memory store), service middlewares (logging), one
// endpoint per method collected in Endpoints, and an HTTP transport that maps
// the service's typed errors to status codes.
//
// The HTTP API, served by MakeHTTPHandler:
//
//	POST   /profiles                                 create a profile (JSON body)
//	GET    /profiles/{id}                            read a profile
//	PUT    /profiles/{id}                            create or replace a profile
//	PATCH  /profiles/{id}                            update the non-empty fields
//	DELETE /profiles/{id}                            remove a profile
//	GET    /profiles/{id}/addresses                  list a profile's addresses
//	POST   /profiles/{id}/addresses                  add an address (JSON body)
//	GET    /profiles/{id}/addresses/{addressID}      read an address
//	DELETE /profiles/{id}/addresses/{addressID}      remove an address
//
// Collection paths also accept a trailing slash. Errors come back as
// {"error": "..."} with 400 (ErrBadRequest, ErrInconsistentIDs),
// 404 (ErrNotFound) or 409 (ErrAlreadyExists). Try it with command
// profilesvc:
//
//	go run ./examples/profilesvc/cmd/profilesvc -http-addr localhost:8080
//	curl -d '{"id":"1234","name":"Go kit"}' localhost:8080/profiles
//	curl localhost:8080/profiles/1234
//	curl -d '{"id":"home","location":"Paris"}' localhost:8080/profiles/1234/addresses
//	curl localhost:8080/profiles/1234/addresses/home
//
// The same Endpoints type serves both sides: MakeServerEndpoints wraps a
// Service, and MakeClientEndpoints returns endpoints that call a remote
// instance over HTTP; either way Endpoints itself implements Service, and a
// remote call returns the same sentinel errors (errors.Is) as a local one.
// Package profilesvc/client builds such a client over Consul discovery.
//
// Compared with Go kit's profilesvc: routing uses the standard http.ServeMux
// (method and wildcard patterns) instead of gorilla/mux; business errors
// travel inside responses (endpoint.Failer), so that load balancers and
// retries see only transport failures; and errors survive the round trip to
// a client, where Go kit's encoded them as empty JSON objects.
//
// Everything in this package is safe for concurrent use.
package profilesvc
