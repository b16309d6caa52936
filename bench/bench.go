// Package bench measures kit against Go kit v0.13.0 and against the raw
// libraries both are built on, with identical work on each side.
//
// Each Group holds one Case per contender. The Baseline case is what the
// others are divided by in the ratio table printed by cmd/ratios
// (`make bench` at the repository root). The same cases run under
// `go test -bench .` in this directory.
//
// This module is separate from kit's own so that kit never depends on Go kit.
package bench

import "testing"

// Case is one contender of a Group.
type Case struct {
	Name string
	Fn   func(b *testing.B)
}

// Group is a set of cases doing the same work.
type Group struct {
	Name     string
	Baseline string // name of the case the ratios are relative to
	Target   string // the goal for kit, in words, as the issues state it
	Cases    []Case
}

// Groups returns every benchmark group, in report order.
func Groups() []Group {
	return []Group{
		endpointGroup(),
		httpGroup(),
		grpcGroup(),
		logfmtGroup(),
		jsonGroup(),
		levelGroup(),
		lbRoundRobinGroup(), lbRandomGroup(), lbRetryGroup(),
		tracingGroup(),
		gobreakerGroup(), erroringLimiterGroup(), delayingLimiterGroup(),
		promWithGroup(), promBoundGroup(), statsdGroup(), dogstatsdGroup(),
	}
}
