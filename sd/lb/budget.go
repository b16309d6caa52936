package lb

import (
	"sync/atomic"
)

// RetryBudget keeps retries from multiplying the load on a failing service.
// It holds tokens, as gRPC's retry throttling does: every failed attempt
// takes one token, every success gives back ratio of a token, never above
// the maximum, and retries are allowed only while more than half the maximum
// is left. While a service fails most requests, the budget drains and
// requests get one attempt each; as successes return, retries resume.
//
// One RetryBudget is shared by every endpoint given it through WithBudget;
// it is safe for concurrent use. Beyond Go kit.
type RetryBudget struct {
	milli    atomic.Int64 // tokens, in thousandths
	maxMilli int64
	ratio    int64 // thousandths of a token per success
}

// NewRetryBudget returns a full budget of maxTokens tokens (at least 1),
// refilled by ratio of a token per successful attempt (0.1 in gRPC's
// example; negative means 0).
func NewRetryBudget(maxTokens int, ratio float64) *RetryBudget {
	maxTokens = max(maxTokens, 1)
	b := &RetryBudget{maxMilli: int64(maxTokens) * 1000, ratio: int64(max(ratio, 0) * 1000)}
	b.milli.Store(b.maxMilli)
	return b
}

// Tokens returns the tokens left.
func (b *RetryBudget) Tokens() float64 { return float64(b.milli.Load()) / 1000 }

func (b *RetryBudget) succeeded() {
	if b == nil || b.ratio == 0 {
		return
	}
	for {
		old := b.milli.Load()
		next := min(old+b.ratio, b.maxMilli)
		if next == old || b.milli.CompareAndSwap(old, next) {
			return
		}
	}
}

func (b *RetryBudget) failed() {
	if b == nil {
		return
	}
	for {
		old := b.milli.Load()
		next := max(old-1000, 0)
		if next == old || b.milli.CompareAndSwap(old, next) {
			return
		}
	}
}

func (b *RetryBudget) allowRetry() bool {
	return b == nil || b.milli.Load() > b.maxMilli/2
}
