package transport

import (
	"context"

	"github.com/seedkit/kit/log"
)

// ErrorHandler receives a transport error to be processed for diagnostic
// purposes. Usually this means logging the error. Handle is called
// synchronously on the request path; implementations that do slow work
// should hand it off. Implementations must be safe for concurrent use.
type ErrorHandler interface {
	Handle(ctx context.Context, err error)
}

// ErrorHandlerFunc is an adapter to allow the use of an ordinary function as
// an ErrorHandler. If f is a function with the appropriate signature,
// ErrorHandlerFunc(f) is an ErrorHandler that calls f.
type ErrorHandlerFunc func(ctx context.Context, err error)

// Handle calls f(ctx, err).
func (f ErrorHandlerFunc) Handle(ctx context.Context, err error) {
	f(ctx, err)
}

// LogErrorHandler is an ErrorHandler that logs every error it receives as
// the key/value pair "err", err on its logger. It is safe for concurrent use
// as long as its logger is.
type LogErrorHandler struct {
	logger log.Logger
}

// NewLogErrorHandler returns a LogErrorHandler that logs to logger. A nil
// logger is replaced by a no-op logger, so Handle never panics.
func NewLogErrorHandler(logger log.Logger) *LogErrorHandler {
	if logger == nil {
		logger = log.NewNopLogger()
	}
	return &LogErrorHandler{logger: logger}
}

// Handle logs err. The logger's own error, if any, is dropped: there is
// nowhere left to report it.
func (h *LogErrorHandler) Handle(ctx context.Context, err error) {
	_ = h.logger.Log("err", err)
}
