package addtransport

import (
	"errors"
	"fmt"

	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
)

// maxBodyBytes bounds every request and response body addsvc reads.
const maxBodyBytes = 1 << 20

// errBadRequest marks a request that could not be decoded.
var errBadRequest = errors.New("bad request")

func badRequest(err error) error { return fmt.Errorf("%w: %w", errBadRequest, err) }

// errorFromMessage maps a business error's message back to its sentinel, so
// that clients can use errors.Is; other messages become plain errors.
func errorFromMessage(msg string) error {
	for _, e := range []error{addservice.ErrTwoZeroes, addservice.ErrIntOverflow, addservice.ErrMaxSizeExceeded} {
		if msg == e.Error() {
			return e
		}
	}
	return errors.New(msg)
}

// isClientError reports whether err is the caller's fault.
func isClientError(err error) bool {
	return addservice.IsBusinessError(err) || errors.Is(err, errBadRequest)
}
