// Package transportdiff runs the same inputs through kit's transport
// packages (transport/http, transport/http/jsonrpc, transport/http/proto,
// transport/httprp) and through Go kit v0.13.0's, and compares what a client
// or a backend observes: status codes, headers, bodies, context values and
// errors. Differences that kit documents as deliberate are pinned with a
// comment naming them.
package transportdiff_test

import (
	"testing"

	"github.com/seedkit/kit/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }
