// Package provider creates metrics by name for a backend chosen at run time:
// a Provider wraps discard, expvar, Prometheus, StatsD, DogStatsD, Graphite
// or InfluxDB, and Stop shuts the backend's write loop down.
//
// It is Go kit's metrics/provider with the same API and behaviour, except
// that a nil stop function is allowed (Stop then does nothing) and the
// Prometheus provider tolerates creating a metric twice.
//
//	d := dogstatsd.New("myservice.", logger)
//	ctx, cancel := context.WithCancel(context.Background())
//	ticker := time.NewTicker(5 * time.Second)
//	go d.SendLoop(ctx, ticker.C, "udp", "127.0.0.1:8125")
//	p := provider.NewDogstatsdProvider(d, func() { cancel(); ticker.Stop() })
//	defer p.Stop()
//	requests := p.NewCounter("requests")
//	requests.Add(1)
//
// Concurrency: providers are safe for concurrent use; Stop should be called
// once.
package provider
