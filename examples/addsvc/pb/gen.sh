#!/bin/sh
# Regenerates addsvc.pb.go and addsvc_grpc.pb.go from addsvc.proto.
# Tools used for the checked-in files:
#   protoc 3.21.12 (Debian bookworm: apt-get install -y protobuf-compiler)
#   go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12
#   go install google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.6.2
set -eu
cd "$(dirname "$0")"
protoc --go_out=. --go_opt=paths=source_relative \
	--go-grpc_out=. --go-grpc_opt=paths=source_relative \
	addsvc.proto
