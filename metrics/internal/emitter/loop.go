package emitter

import (
	"context"
	"time"

	"github.com/seedkit/kit/log"
)

// Loop calls flush on every tick of c until ctx is done, logging a failed
// flush to logger (nil discards) with the keys "during" and "err", as Go
// kit's WriteLoop does. A nil c never ticks.
func Loop(ctx context.Context, c <-chan time.Time, logger log.Logger, during string, flush func() error) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-c:
			if err := flush(); err != nil && logger != nil {
				_ = logger.Log("during", during, "err", err)
			}
		}
	}
}
