// Package sddiff runs the same discovery inputs through kit's sd, sd/lb and
// sd/consul and through Go kit v0.13.0's, and compares what a client sees:
// the endpoints an Endpointer builds and closes at every Instancer event,
// the picks of the balancers, the attempts and errors of Retry, and the
// instance strings Consul service entries turn into. Differences that kit
// documents as deliberate are pinned with a comment naming them.
package sddiff_test

import (
	"testing"

	"github.com/seedkit/kit/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }
