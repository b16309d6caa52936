package sd

import (
	"errors"
	"sync"
	"time"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
)

// ErrEndpointerClosed is returned by DefaultEndpointer.Endpoints after Close.
var ErrEndpointerClosed = errors.New("sd: endpointer closed")

var (
	errNilInstancer = errors.New("sd: NewEndpointer called with a nil Instancer")
	errNilFactory   = errors.New("sd: NewEndpointer called with a nil Factory")
)

// Endpointer yields the current set of endpoints for one service, all of them
// doing the same thing on different instances. An error means discovery
// itself is in trouble; no endpoints and no error is a valid answer (the
// service has no instances right now).
//
// Implementations must be safe for concurrent use: balancers call Endpoints
// on every request.
type Endpointer interface {
	Endpoints() ([]endpoint.Endpoint, error)
}

// FixedEndpointer is an Endpointer over a set of endpoints that never changes.
// Endpoints returns the slice itself, which callers must not modify.
type FixedEndpointer []endpoint.Endpoint

// Endpoints implements Endpointer. It never returns an error.
func (s FixedEndpointer) Endpoints() ([]endpoint.Endpoint, error) { return s, nil }

// EndpointerOption configures the Endpointer made by NewEndpointer.
type EndpointerOption func(*endpointerOptions)

type endpointerOptions struct {
	invalidateOnError bool
	invalidateTimeout time.Duration
	now               func() time.Time
}

// InvalidateOnError changes what the Endpointer does when its Instancer
// reports an error.
//
// By default the Endpointer ignores such errors (it logs them) and keeps
// returning the endpoints it had. With this option it keeps returning them
// only for timeout after the first error of a run of errors; after that it
// closes them and Endpoints returns the error. A zero or negative timeout
// invalidates at the first call to Endpoints after the error. The next Event
// without an error restores normal operation.
func InvalidateOnError(timeout time.Duration) EndpointerOption {
	return func(o *endpointerOptions) {
		o.invalidateOnError = true
		o.invalidateTimeout = timeout
	}
}

// EndpointerClock makes the Endpointer read the time from now instead of
// time.Now. Only InvalidateOnError uses the time; this option exists so that
// tests can move time forward without sleeping. A nil now means time.Now.
// Beyond Go kit.
func EndpointerClock(now func() time.Time) EndpointerOption {
	return func(o *endpointerOptions) { o.now = now }
}

// DefaultEndpointer is the Endpointer returned by NewEndpointer: it follows
// an Instancer and keeps one endpoint, made by a Factory, per instance.
//
// Its methods are safe for concurrent use.
type DefaultEndpointer struct {
	cache     *endpointCache
	instancer Instancer
	ch        chan Event
	done      chan struct{} // closed when receive returns
	closeOnce sync.Once
	failed    error // set when NewEndpointer had bad arguments
}

// errSyncMark is sent by NewEndpointer through the endpointer's own channel: as
// the channel is unbuffered and served by one goroutine, once the send
// completes every Event sent before it has been applied.
var errSyncMark = errors.New("sd: endpointer sync mark")

// NewEndpointer returns an Endpointer that subscribes to src and turns every
// instance it reports into an endpoint with f. Endpoints are made once per
// instance and closed (through the Factory's io.Closer) when the instance
// disappears. Factory errors are logged and the instance left out.
//
// The Endpointer starts one goroutine; Close stops it. Unlike Go kit, the
// initial state that src sends on registration has been applied when
// NewEndpointer returns, so Endpoints reflects it at once.
//
// When src reports an error, the Endpointer logs it and keeps its endpoints
// (see InvalidateOnError to change this). A nil logger discards logs. A nil
// src or f gives an Endpointer whose Endpoints always returns an error, where
// Go kit would panic.
func NewEndpointer(src Instancer, f Factory, logger log.Logger, options ...EndpointerOption) *DefaultEndpointer {
	var opts endpointerOptions
	for _, opt := range options {
		if opt != nil {
			opt(&opts)
		}
	}
	if opts.now == nil {
		opts.now = time.Now
	}
	if logger == nil {
		logger = log.NewNopLogger()
	}
	de := &DefaultEndpointer{
		cache:     newEndpointCache(f, logger, opts),
		instancer: src,
	}
	switch {
	case src == nil:
		de.failed = errNilInstancer
		return de
	case f == nil:
		de.failed = errNilFactory
		return de
	}
	de.ch = make(chan Event)
	de.done = make(chan struct{})
	go de.receive()
	src.Register(de.ch)
	de.ch <- Event{Err: errSyncMark}
	return de
}

func (de *DefaultEndpointer) receive() {
	defer close(de.done)
	for ev := range de.ch {
		if ev.Err == errSyncMark {
			continue
		}
		de.cache.update(ev)
	}
}

// Endpoints implements Endpointer. The endpoints are ordered by their instance
// strings; the slice is shared, so callers must not modify it.
//
// The error is non-nil only with InvalidateOnError (once its timeout has
// passed), after Close (ErrEndpointerClosed), or when NewEndpointer had a nil
// argument.
func (de *DefaultEndpointer) Endpoints() ([]endpoint.Endpoint, error) {
	if de.failed != nil {
		return nil, de.failed
	}
	return de.cache.endpoints()
}

// Close deregisters from the Instancer, stops the Endpointer's goroutine and
// waits for it, then closes every endpoint it made. After Close, Endpoints
// returns ErrEndpointerClosed. Close is idempotent. Go kit's Close neither
// closes the endpoints nor may be called twice.
//
// Close does not stop the Instancer, which may have other subscribers.
func (de *DefaultEndpointer) Close() {
	de.closeOnce.Do(func() {
		if de.failed != nil {
			return
		}
		de.instancer.Deregister(de.ch)
		close(de.ch)
		<-de.done
		de.cache.close()
	})
}
