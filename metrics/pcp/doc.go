// Package pcp publishes metrics to Performance Co-Pilot through
// github.com/performancecopilot/speed/v4, which writes them to a
// memory-mapped MMV file that PCP's pmcd reads. PCP metrics of this package
// have no labels: With returns the metric unchanged.
//
// It is Go kit's metrics/pcp, with the same API, and these differences: no
// method panics. NewCounter, NewGauge and NewHistogram return speed's
// registration error (Go kit panics); Start and Stop record their error for
// Err (Go kit panics); Histogram.Observe drops a value out of range (Go kit
// panics).
//
// Metrics must all be created before Start. speed reads pcp.conf once, when
// the program starts, and prints a warning to stderr if PCP is not
// installed; MMV files then go to os.TempDir()/mmv.
//
//	r, err := pcp.NewReporter("myservice")
//	if err != nil {
//		return err
//	}
//	requests, err := r.NewCounter("myservice.requests", "Requests served")
//	if err != nil {
//		return err
//	}
//	r.Start()
//	defer r.Stop()
//	requests.Add(1)
//
// Concurrency: metrics are safe for concurrent use; Start and Stop must not
// race with metric creation.
package pcp
