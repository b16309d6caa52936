// Package backoff holds the waiting that kit's discovery backends share:
// a sleep that ends with its context, jitter, and an exponential backoff.
package backoff

import (
	"context"
	"math/rand/v2"
	"time"
)

// Sleep waits for d or until ctx ends, and returns ctx's error in that case.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Jitter returns a random duration in [d/2, d], so that many clients
// backing off from one failure do not retry in step.
func Jitter(d time.Duration) time.Duration {
	if d < 2 {
		return d
	}
	return d/2 + rand.N(d/2+1)
}

// Exponential is a backoff doubling from Min to Max, with Jitter. The zero
// value is not usable: build it with New. It is not safe for concurrent use.
type Exponential struct {
	min, max, cur time.Duration
}

// New returns an Exponential starting at min and capped at max.
func New(min, max time.Duration) *Exponential {
	return &Exponential{min: min, max: max, cur: min}
}

// Next returns the next wait and doubles the one after it.
func (b *Exponential) Next() time.Duration {
	d := b.cur
	b.cur = min(2*b.cur, b.max)
	return Jitter(d)
}

// Reset starts again from min, after a success.
func (b *Exponential) Reset() { b.cur = b.min }
