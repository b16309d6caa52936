package opencensus

import (
	"net/http"

	"go.opencensus.io/trace"
)

// Span attribute keys, the ones go.opencensus.io/plugin/ochttp uses. They
// are repeated here so that this package does not import ochttp, whose
// stats views start a process-wide goroutine.
const (
	hostAttribute       = "http.host"
	methodAttribute     = "http.method"
	pathAttribute       = "http.path"
	userAgentAttribute  = "http.user_agent"
	statusCodeAttribute = "http.status_code"
)

// httpStatus maps an HTTP status code to a span status the way ochttp's
// TraceStatus does: 2xx and 3xx are OK, a few codes have a canonical
// equivalent, other codes are Unknown; the message is the canonical code's
// name.
func httpStatus(code int) trace.Status {
	c := int32(trace.StatusCodeOK)
	if code < 200 || code >= 400 {
		c = trace.StatusCodeUnknown
	}
	switch code {
	case 499:
		c = trace.StatusCodeCancelled
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		c = trace.StatusCodeInvalidArgument
	case http.StatusGatewayTimeout:
		c = trace.StatusCodeDeadlineExceeded
	case http.StatusNotFound:
		c = trace.StatusCodeNotFound
	case http.StatusForbidden:
		c = trace.StatusCodePermissionDenied
	case http.StatusUnauthorized:
		c = trace.StatusCodeUnauthenticated
	case http.StatusTooManyRequests:
		c = trace.StatusCodeResourceExhausted
	case http.StatusNotImplemented:
		c = trace.StatusCodeUnimplemented
	case http.StatusServiceUnavailable:
		c = trace.StatusCodeUnavailable
	case http.StatusConflict:
		c = trace.StatusCodeAlreadyExists
	}
	return trace.Status{Code: c, Message: statusNames[c]}
}

var statusNames = map[int32]string{
	trace.StatusCodeOK:                `OK`,
	trace.StatusCodeCancelled:         `CANCELLED`,
	trace.StatusCodeUnknown:           `UNKNOWN`,
	trace.StatusCodeInvalidArgument:   `INVALID_ARGUMENT`,
	trace.StatusCodeDeadlineExceeded:  `DEADLINE_EXCEEDED`,
	trace.StatusCodeNotFound:          `NOT_FOUND`,
	trace.StatusCodeAlreadyExists:     `ALREADY_EXISTS`,
	trace.StatusCodePermissionDenied:  `PERMISSION_DENIED`,
	trace.StatusCodeResourceExhausted: `RESOURCE_EXHAUSTED`,
	trace.StatusCodeUnimplemented:     `UNIMPLEMENTED`,
	trace.StatusCodeUnavailable:       `UNAVAILABLE`,
	trace.StatusCodeUnauthenticated:   `UNAUTHENTICATED`,
}
