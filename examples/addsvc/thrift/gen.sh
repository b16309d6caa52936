#!/usr/bin/env bash
# Regenerates gen-go/ from addsvc.thrift with the Thrift compiler 0.17.0
# (Debian bookworm: apt-get install thrift-compiler). The generated code
# compiles against the newer github.com/apache/thrift library go.mod
# requires; the addtransport tests run it over a real connection.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf gen-go
mkdir -p gen-go
thrift --gen go:package_prefix=github.com/seedkit/kit/examples/addsvc/thrift/gen-go/,skip_remote -out gen-go addsvc.thrift
gofmt -w gen-go
