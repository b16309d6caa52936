// Package influx is a push backend for InfluxDB 1.x through
// github.com/influxdata/influxdb1-client/v2: counters, gauges and
// histograms are kept in memory and written as one batch of points by
// WriteTo, typically on a ticker through WriteLoop with an influxdb.Client
// as the BatchPointsWriter. Label values become tags.
//
// It is Go kit's metrics/influx, with the same API and points of the same
// shape (measurements, tags and fields), and these differences:
//
//   - Histogram quantiles are estimated by kit's streaming histogram, which
//     interpolates between its bins; Go kit's returns the value of the bin
//     the quantile falls in. With the same observations the p50, p90, p95 and
//     p99 fields can therefore differ slightly, most visibly over few
//     observations.
//   - Memory stays bounded while InfluxDB is unreachable: WriteTo takes
//     every recorded value out before anything can fail. A counter keeps a
//     running sum, not every delta.
//   - A gauge keeps its value across writes, so Add after a write moves the
//     last value (Go kit restarts an added gauge from zero at every write).
//     A labelled value is kept only while a Gauge for its label set is
//     reachable: a label set no Gauge refers to is forgotten once written,
//     as Go kit forgets every label set at each write, so memory does not
//     grow with label cardinality. Hold the Gauge returned by With to keep
//     adding to it.
//   - Label lists are sets of pairs, and an odd one is padded with "unknown"
//     instead of panicking. A nil logger discards; a nil writer is an error.
//
// influxdb1-client is the client Go kit's API names (BatchPointsWriter takes
// its BatchPoints); it is kept for compatibility.
//
//	in := influx.New(map[string]string{"service": "api"}, influxdb.BatchPointsConfig{
//		Database: "metrics",
//	}, logger)
//	requests := in.NewCounter("requests").With("code", "200")
//	requests.Add(1)
//	client, _ := influxdb.NewHTTPClient(influxdb.HTTPConfig{Addr: "http://127.0.0.1:8086"})
//	ticker := time.NewTicker(10 * time.Second)
//	go in.WriteLoop(ctx, ticker.C, client)
//
// Concurrency: every method is safe for concurrent use; WriteTo calls are
// serialised.
package influx
