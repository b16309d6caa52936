// Package testpb holds the protobuf messages and gRPC service that
// transport/grpc's tests and examples run over a real loopback connection.
// It is generated code; see gen.sh.
package testpb

//go:generate ./gen.sh
