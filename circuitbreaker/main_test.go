package circuitbreaker_test

import (
	"testing"

	"github.com/seedkit/kit/internal/leakcheck"
)

// hystrix-go starts two monitor goroutines per command name, and every
// streadway/handy breaker runs a state-machine goroutine; neither library
// offers a way to stop them.
func TestMain(m *testing.M) {
	leakcheck.Main(m,
		"hystrix.(*metricExchange).Monitor",
		"hystrix.(*poolMetrics).Monitor",
		"handy/breaker.breaker.run",
	)
}
