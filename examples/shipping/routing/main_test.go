package routing_test

import (
	"testing"

	"github.com/seedkit/kit/internal/leakcheck"
)

// hystrix-go starts two monitor goroutines per circuit and never stops them.
func TestMain(m *testing.M) {
	leakcheck.Main(m, "hystrix.(*metricExchange).Monitor", "hystrix.(*poolMetrics).Monitor")
}
