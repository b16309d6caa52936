package teststat_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/seedkit/kit/metrics/generic"
	"github.com/seedkit/kit/metrics/teststat"
)

func ExampleTestCounter() {
	c := generic.NewCounter("requests")
	err := teststat.TestCounter(c, c.Value)
	fmt.Println(err)
	// Output: <nil>
}

func ExampleTestHistogram() {
	h := generic.NewHistogram("latency", 50)
	quantiles := func() (float64, float64, float64, float64) {
		return h.Quantile(0.50), h.Quantile(0.90), h.Quantile(0.95), h.Quantile(0.99)
	}
	fmt.Println(teststat.TestHistogram(h, quantiles, 0.01))
	// Output: <nil>
}

// pushBackend stands in for a statsd-like backend: WriteTo writes one line
// per counter.
type pushBackend struct{ c *generic.Counter }

func (b pushBackend) WriteTo(w io.Writer) (int64, error) {
	n, err := fmt.Fprintf(w, "requests:%g|c\n", b.c.ValueReset())
	return int64(n), err
}

func ExampleSumLines() {
	b := pushBackend{c: generic.NewCounter("requests")}
	value := teststat.SumLines(b, `^requests:([0-9.]+)\|c$`)
	fmt.Println(teststat.TestCounter(b.c, value))
	// Output: <nil>
}

func ExampleLastLine() {
	// A strings.Reader is an io.WriterTo, like a push backend.
	last := teststat.LastLine(strings.NewReader("queue:3|g\nqueue:5|g\n"), `^queue:(\d+)\|g$`)
	fmt.Println(last())
	// Output: [5]
}
