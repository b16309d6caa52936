package provider_test

import (
	"context"
	"fmt"
	"os"

	"github.com/seedkit/kit/metrics/provider"
	"github.com/seedkit/kit/metrics/statsd"
)

func Example() {
	s := statsd.New("api.", nil)
	_, cancel := context.WithCancel(context.Background()) // the SendLoop's context
	p := provider.NewStatsdProvider(s, cancel)
	defer p.Stop()

	p.NewCounter("requests").Add(1)
	p.NewHistogram("latency_ms", 0).Observe(12)
	_, _ = s.WriteTo(os.Stdout)
	fmt.Println("ok")
	// Output:
	// api.requests:1.000000|c
	// api.latency_ms:12.000000|ms
	// ok
}
