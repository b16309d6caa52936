// Package metricsdiff runs the same observations through kit's metrics
// packages (metrics, generic, multi, discard, expvar, teststat) and through
// Go kit v0.13.0's, and compares the values each reports. The histogram
// algorithm is kit's own, so quantiles are compared within a tolerance;
// differences kit documents are pinned with a comment naming them.
package metricsdiff_test

import (
	"testing"

	"github.com/seedkit/kit/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }
