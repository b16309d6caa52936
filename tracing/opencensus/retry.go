package opencensus

import (
	"errors"

	"github.com/seedkit/kit/sd/lb"
)

// retryErrors reports whether err is, or wraps, an lb.RetryError and, if so,
// returns the error of each attempt and the final one. Go kit checks with a
// type assertion, so it misses a wrapped RetryError.
func retryErrors(err error) (raw []error, final error, ok bool) {
	var re lb.RetryError
	if !errors.As(err, &re) {
		return nil, nil, false
	}
	return re.RawErrors, re.Final, true
}
