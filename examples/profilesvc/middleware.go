package profilesvc

import (
	"context"
	"time"

	"github.com/seedkit/kit/log"
)

// Middleware decorates a Service with behaviour that is not business logic.
type Middleware func(Service) Service

// LoggingMiddleware logs every call with its IDs, duration and error.
// logger must be safe for concurrent use (kit's loggers are).
func LoggingMiddleware(logger log.Logger) Middleware {
	return func(next Service) Service { return &loggingMiddleware{next: next, logger: logger} }
}

type loggingMiddleware struct {
	next   Service
	logger log.Logger
}

func (mw *loggingMiddleware) log(begin time.Time, method string, err error, keyvals ...any) {
	keyvals = append([]any{"method", method}, keyvals...)
	_ = mw.logger.Log(append(keyvals, "took", time.Since(begin), "err", err)...)
}

func (mw *loggingMiddleware) PostProfile(ctx context.Context, p Profile) (err error) {
	defer func(begin time.Time) { mw.log(begin, "PostProfile", err, "id", p.ID) }(time.Now())
	return mw.next.PostProfile(ctx, p)
}

func (mw *loggingMiddleware) GetProfile(ctx context.Context, id string) (p Profile, err error) {
	defer func(begin time.Time) { mw.log(begin, "GetProfile", err, "id", id) }(time.Now())
	return mw.next.GetProfile(ctx, id)
}

func (mw *loggingMiddleware) PutProfile(ctx context.Context, id string, p Profile) (err error) {
	defer func(begin time.Time) { mw.log(begin, "PutProfile", err, "id", id) }(time.Now())
	return mw.next.PutProfile(ctx, id, p)
}

func (mw *loggingMiddleware) PatchProfile(ctx context.Context, id string, p Profile) (err error) {
	defer func(begin time.Time) { mw.log(begin, "PatchProfile", err, "id", id) }(time.Now())
	return mw.next.PatchProfile(ctx, id, p)
}

func (mw *loggingMiddleware) DeleteProfile(ctx context.Context, id string) (err error) {
	defer func(begin time.Time) { mw.log(begin, "DeleteProfile", err, "id", id) }(time.Now())
	return mw.next.DeleteProfile(ctx, id)
}

func (mw *loggingMiddleware) GetAddresses(ctx context.Context, profileID string) (as []Address, err error) {
	defer func(begin time.Time) { mw.log(begin, "GetAddresses", err, "profileID", profileID) }(time.Now())
	return mw.next.GetAddresses(ctx, profileID)
}

func (mw *loggingMiddleware) GetAddress(ctx context.Context, profileID string, addressID string) (a Address, err error) {
	defer func(begin time.Time) {
		mw.log(begin, "GetAddress", err, "profileID", profileID, "addressID", addressID)
	}(time.Now())
	return mw.next.GetAddress(ctx, profileID, addressID)
}

func (mw *loggingMiddleware) PostAddress(ctx context.Context, profileID string, a Address) (err error) {
	defer func(begin time.Time) {
		mw.log(begin, "PostAddress", err, "profileID", profileID, "addressID", a.ID)
	}(time.Now())
	return mw.next.PostAddress(ctx, profileID, a)
}

func (mw *loggingMiddleware) DeleteAddress(ctx context.Context, profileID string, addressID string) (err error) {
	defer func(begin time.Time) {
		mw.log(begin, "DeleteAddress", err, "profileID", profileID, "addressID", addressID)
	}(time.Now())
	return mw.next.DeleteAddress(ctx, profileID, addressID)
}
