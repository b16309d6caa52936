package main

import (
	"errors"
	"strings"
)

// StringService provides operations on strings.
type StringService interface {
	Uppercase(string) (string, error)
	Count(string) int
}

// ErrEmpty is returned when an input string is empty.
var ErrEmpty = errors.New("empty string")

type stringService struct{}

func (stringService) Uppercase(s string) (string, error) {
	if s == "" {
		return "", ErrEmpty
	}
	return strings.ToUpper(s), nil
}

func (stringService) Count(s string) int { return len(s) }

// Middleware decorates a StringService. Logging and instrumenting are
// middlewares of the service, not of its endpoints, because they speak its
// language: they see the input string and the result, not an opaque request.
type Middleware func(StringService) StringService

// chain applies mws to svc so that the first one is the outermost: it sees
// a call first and its result last.
func chain(svc StringService, mws ...Middleware) StringService {
	for i := len(mws) - 1; i >= 0; i-- {
		svc = mws[i](svc)
	}
	return svc
}
