package addservice

import (
	"context"
	"errors"
	"math"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics"
)

// Service describes what addsvc does. Implementations are safe for
// concurrent use.
type Service interface {
	Sum(ctx context.Context, a, b int) (int, error)
	Concat(ctx context.Context, a, b string) (string, error)
}

// The business errors. Transports recognise them with errors.Is and answer
// with a client error (HTTP 400, JSON-RPC invalid params, gRPC
// InvalidArgument).
var (
	// ErrTwoZeroes is an arbitrary business rule: Sum refuses 0 + 0.
	ErrTwoZeroes = errors.New("can't sum two zeroes")
	// ErrIntOverflow protects the Sum method.
	ErrIntOverflow = errors.New("integer overflow")
	// ErrMaxSizeExceeded protects the Concat method.
	ErrMaxSizeExceeded = errors.New("result exceeds maximum size")
)

// MaxConcatLen is the longest result Concat returns.
const MaxConcatLen = 10

// IsBusinessError reports whether err is (or wraps) one of the service's
// business errors, as opposed to a failure of the machinery around it.
func IsBusinessError(err error) bool {
	return errors.Is(err, ErrTwoZeroes) || errors.Is(err, ErrIntOverflow) || errors.Is(err, ErrMaxSizeExceeded)
}

// New returns the basic service wrapped in the logging and instrumenting
// middlewares. ints counts the integers summed and chars the characters
// concatenated.
func New(logger log.Logger, ints, chars metrics.Counter) Service {
	var svc Service = basicService{}
	svc = LoggingMiddleware(logger)(svc)
	svc = InstrumentingMiddleware(ints, chars)(svc)
	return svc
}

// NewBasicService returns the bare business logic with no middleware.
func NewBasicService() Service { return basicService{} }

type basicService struct{}

func (basicService) Sum(_ context.Context, a, b int) (int, error) {
	if a == 0 && b == 0 {
		return 0, ErrTwoZeroes
	}
	if (b > 0 && a > math.MaxInt-b) || (b < 0 && a < math.MinInt-b) {
		return 0, ErrIntOverflow
	}
	return a + b, nil
}

func (basicService) Concat(_ context.Context, a, b string) (string, error) {
	if len(a)+len(b) > MaxConcatLen {
		return "", ErrMaxSizeExceeded
	}
	return a + b, nil
}
