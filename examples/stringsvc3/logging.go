package main

import (
	"context"
	"time"

	"github.com/seedkit/kit/log"
)

// loggingMiddleware logs one line per call: the method, its input and
// output, the error and how long the call took.
func loggingMiddleware(logger log.Logger) Middleware {
	return func(next StringService) StringService { return logging{logger, next} }
}

type logging struct {
	logger log.Logger
	next   StringService
}

func (mw logging) Uppercase(ctx context.Context, s string) (output string, err error) {
	defer func(begin time.Time) {
		_ = mw.logger.Log("method", "uppercase", "input", s, "output", output, "err", err, "took", time.Since(begin))
	}(time.Now())
	return mw.next.Uppercase(ctx, s)
}

func (mw logging) Count(ctx context.Context, s string) (n int) {
	defer func(begin time.Time) {
		_ = mw.logger.Log("method", "count", "input", s, "n", n, "took", time.Since(begin))
	}(time.Now())
	return mw.next.Count(ctx, s)
}
