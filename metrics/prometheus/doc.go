// Package prometheus adapts Prometheus client_golang vectors (CounterVec,
// GaugeVec, HistogramVec, SummaryVec) to kit's metrics interfaces. Label
// values passed to With are alternating label names and values, mapped to
// the vector's labels by name.
//
// It is Go kit's metrics/prometheus, with the same API, and these
// differences:
//
//   - A metric resolves its vector child once, at its first observation,
//     and reuses it: c.With("code", "200") kept and added to many times
//     costs an atomic add per Add, where Go kit builds a label map and looks
//     the child up on every call. For metrics created by New*From or New*In,
//     which know the label names, With returns the same metric for the same
//     label values without allocating, and label values naming exactly
//     the vector's labels (in any order) are looked up without a map.
//   - NewCounterIn, NewGaugeIn, NewHistogramIn and NewSummaryIn take the
//     prometheus.Registerer to register with (a private *prometheus.Registry
//     in tests, say) and return registration errors instead of panicking.
//   - New*From reuse an equal vector that is already registered, so
//     creating a metric twice is harmless (Go kit panics); other
//     registration errors still panic, as in Go kit.
//   - Counter.Add drops a negative delta instead of panicking (counters
//     only go up).
//   - Label values that do not fit the vector's label names (a missing,
//     extra or misspelt name) make the metric drop its observations and
//     report why through Err, instead of panicking at every observation.
//
// A metric's child is cached. The vector that New*From and New*In create is
// private to the metrics, so nothing else can delete its children. When the
// vector is reachable by other code (passed to New*, or an equal vector
// registered earlier and reused), With checks that the child is still the
// vector's, so c.With(...).Add(1) keeps working after the vector is Reset or
// the child deleted (DeleteLabelValues); but a metric kept from an earlier
// With keeps updating the detached child, as does a child kept from
// client_golang's own WithLabelValues. Call With again after deleting.
//
//	reg := prometheus.NewRegistry()
//	requests, err := kitprometheus.NewCounterIn(reg, prometheus.CounterOpts{
//		Namespace: "myservice",
//		Name:      "requests_total",
//		Help:      "Requests served.",
//	}, []string{"method", "code"})
//	if err != nil {
//		return err
//	}
//	ok := requests.With("method", "GET", "code", "200") // resolved once
//	ok.Add(1)
//	http.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
//
// Concurrency: every method is safe for concurrent use.
package prometheus
