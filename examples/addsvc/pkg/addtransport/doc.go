// Package addtransport binds the addsvc endpoints to wires: for each
// transport a server constructor and a client constructor that returns an
// addservice.Service.
//
// Business errors travel as their messages and are turned back into the
// addservice sentinels on the client side, so errors.Is works across every
// transport.
package addtransport
