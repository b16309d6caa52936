package opencensus_test

import (
	"testing"

	"go.opencensus.io/trace"

	"github.com/seedkit/kit/internal/leakcheck"
)

// exporter receives every span the tests end.
var exporter = &recorder{}

func TestMain(m *testing.M) {
	trace.RegisterExporter(exporter)
	trace.ApplyConfig(trace.Config{DefaultSampler: trace.AlwaysSample()})
	// OpenCensus' stats worker starts when go.opencensus.io/stats/view is
	// initialized and runs for the life of the process. This package does
	// not import it, but a test dependency may.
	leakcheck.Main(m, "go.opencensus.io/stats/view.(*worker).start")
}
