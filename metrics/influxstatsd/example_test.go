package influxstatsd_test

import (
	"os"

	"github.com/seedkit/kit/metrics/influxstatsd"
)

func Example() {
	d := influxstatsd.New("api.", nil, "env", "prod")
	ok := d.NewCounter("requests", 1).With("code", "200") // resolved once
	ok.Add(1)
	ok.Add(2)
	d.NewGauge("inflight").Set(3)
	d.NewHistogram("size_bytes", 1).Observe(512)

	_, _ = d.WriteTo(os.Stdout)
	// Output:
	// api.requests,env=prod,code=200:3.000000|c
	// api.inflight,env=prod:3.000000|g
	// api.size_bytes,env=prod:512.000000|h
}
