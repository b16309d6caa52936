package dogstatsd_test

import (
	"os"

	"github.com/seedkit/kit/metrics/dogstatsd"
)

func Example() {
	d := dogstatsd.New("api.", nil, "env", "prod")
	requests := d.NewCounter("requests", 1)
	ok := requests.With("code", "200") // resolved once, added to many times
	ok.Add(1)
	ok.Add(2)
	requests.With("code", "500").Add(1)
	d.NewGauge("inflight").Set(3)
	d.NewTiming("latency_ms", 1).With("route", "/").Observe(12.5)

	_, _ = d.WriteTo(os.Stdout)
	// Output:
	// api.requests:3.000000|c|#env:prod,code:200
	// api.requests:1.000000|c|#env:prod,code:500
	// api.inflight:3.000000|g|#env:prod
	// api.latency_ms:12.500000|ms|#env:prod,route:/
}

func ExampleDogstatsd_SetMTU() {
	d := dogstatsd.New("", nil)
	d.SetMTU(0) // one write per line, as Go kit
	d.NewCounter("a", 1).Add(1)
	d.NewCounter("b", 1).Add(1)
	_, _ = d.WriteTo(os.Stdout)
	// Output:
	// a:1.000000|c
	// b:1.000000|c
}
