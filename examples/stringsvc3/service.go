package main

import (
	"context"
	"errors"
	"strings"
)

// StringService provides operations on strings.
//
// Unlike stringsvc1 and stringsvc2, its methods take a context: once
// Uppercase may be a call to another instance, that call must stop when the
// caller gives up, and a context is how the caller says so.
type StringService interface {
	Uppercase(ctx context.Context, s string) (string, error)
	Count(ctx context.Context, s string) int
}

// ErrEmpty is returned when an input string is empty.
var ErrEmpty = errors.New("empty string")

type stringService struct{}

func (stringService) Uppercase(_ context.Context, s string) (string, error) {
	if s == "" {
		return "", ErrEmpty
	}
	return strings.ToUpper(s), nil
}

func (stringService) Count(_ context.Context, s string) int { return len(s) }

// Middleware decorates a StringService. Logging, instrumenting and proxying
// are middlewares of the service, not of its endpoints, because they speak
// its language: they see the input string and the result.
type Middleware func(StringService) StringService

// chain applies mws to svc so that the first one is the outermost: it sees
// a call first and its result last.
func chain(svc StringService, mws ...Middleware) StringService {
	for i := len(mws) - 1; i >= 0; i-- {
		svc = mws[i](svc)
	}
	return svc
}
