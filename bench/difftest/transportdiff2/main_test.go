// Package transportdiff2 runs kit's message transports (transport/grpc,
// transport/nats, transport/amqp) against Go kit v0.13.0's: a kit client
// calls a Go kit server and the other way round, and the same calls through
// kit-to-kit and Go-kit-to-Go-kit are compared for equal responses, errors,
// metadata and hook arguments. The NATS and AMQP tests need the real servers
// (NATS_URL, AMQP_URL); the gRPC tests run on loopback. Differences that kit
// documents as deliberate are pinned with a comment naming them.
package transportdiff2_test

import (
	"testing"

	"github.com/seedkit/kit/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }
