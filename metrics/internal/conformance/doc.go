// Package conformance holds, in its tests only, the one conformance run of
// kit's metrics backends: every backend's Counter, Gauge and Histogram go
// through metrics/teststat (TestCounter, TestGauge, TestHistogram and, for
// backends with labels, TestCounterLabels), each with a function that reads
// the values back from what the backend emits: its WriteTo output, its
// client's requests, its registry or its exporter.
package conformance
