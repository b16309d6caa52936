package eureka_test

import (
	"testing"

	"github.com/op/go-logging"

	"github.com/seedkit/kit/internal/leakcheck"
)

func TestMain(m *testing.M) {
	// fargo logs every failed request through go-logging; the tests make
	// requests fail on purpose.
	logging.SetLevel(logging.CRITICAL, "fargo")
	leakcheck.Main(m)
}
