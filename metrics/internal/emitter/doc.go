// Package emitter is the shared core of kit's line-protocol push backends
// (statsd, dogstatsd, influxstatsd, graphite): series storage that a metric
// resolves once and then updates under its own small lock, a packer that
// batches lines into packets of at most an MTU, and a reconnecting
// connection for SendLoop.
//
// Memory is bounded by the number of series touched between two flushes,
// never by the number of observations of a counter or gauge: a counter keeps
// a running sum and a gauge its current value. Sample series (timings,
// histograms) keep every observation until the next Flush, and Flush always
// empties them, whatever becomes of the data it returns, so a receiver that
// is down cannot make a program grow.
//
// A Series of a Set created by NewSet(kind, false) is held by the Set only
// weakly: once no metric refers to it and it holds no unflushed data, the
// garbage collector reclaims it, as Go kit's label spaces forget the series
// of a flushed interval. Sets created by NewSet(kind, true) keep every
// series (gauges, whose value outlives a flush); NewSetKeepRoots keeps only
// the series without labels, one per metric name, and holds labelled ones
// weakly.
package emitter
