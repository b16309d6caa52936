// Package pb holds the protobuf messages and the gRPC service of addsvc,
// generated from addsvc.proto by gen.sh. addtransport binds them to the
// addsvc endpoints (NewGRPCServer, NewGRPCClient).
package pb

//go:generate ./gen.sh
