package metrics

// Counter is a monotonically increasing value, such as the number of
// requests served or errors seen.
//
// Add adds delta to the counter; callers pass non-negative deltas, and what a
// backend does with a negative one is up to the backend. With returns a
// Counter for the same metric carrying extra label values, alternating names
// and values; an odd trailing name gets the value "unknown" (see the package
// documentation for the rules). Every
// implementation in kit is safe for concurrent use.
type Counter interface {
	With(labelValues ...string) Counter
	Add(delta float64)
}

// Gauge is a value that can go up and down, such as the number of
// connections open or the size of a queue.
//
// Set replaces the value, Add changes it by delta (which may be negative).
// With returns a Gauge for the same metric carrying extra label values,
// alternating names and values; an odd trailing name gets the value
// "unknown". Every implementation in kit is safe for concurrent use.
type Gauge interface {
	With(labelValues ...string) Gauge
	Set(value float64)
	Add(delta float64)
}

// Histogram records a distribution of observations, such as request
// latencies or response sizes, from which a backend derives quantiles,
// buckets or summaries.
//
// Observe records one value. With returns a Histogram for the same metric
// carrying extra label values, alternating names and values; an odd trailing
// name gets the value "unknown". Every implementation in kit is safe for
// concurrent use.
type Histogram interface {
	With(labelValues ...string) Histogram
	Observe(value float64)
}
