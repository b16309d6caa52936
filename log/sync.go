package log

import (
	"io"
	"sync"
	"sync/atomic"
)

// SwapLogger wraps another logger that may be safely replaced while other
// goroutines use the SwapLogger concurrently. The zero value for a
// SwapLogger will discard all log events without error; so will a
// SwapLogger whose logger was swapped for nil.
//
// SwapLogger serves well as a package global logger that can be changed by
// importers. A SwapLogger must not be copied after first use.
type SwapLogger struct {
	logger atomic.Pointer[swapped]
}

// swapped boxes the current logger of a SwapLogger.
type swapped struct{ Logger }

// Log implements the Logger interface by forwarding keyvals to the
// currently wrapped logger. It does nothing and returns nil if no logger is
// set.
func (l *SwapLogger) Log(keyvals ...any) error {
	s := l.logger.Load()
	if s == nil || s.Logger == nil {
		return nil
	}
	return s.Log(keyvals...)
}

// Swap replaces the currently wrapped logger with logger. Swap may be
// called concurrently with calls to Log from other goroutines; calls to Log
// that have already loaded the previous logger finish with it.
func (l *SwapLogger) Swap(logger Logger) {
	l.logger.Store(&swapped{logger})
}

// NewSyncWriter returns a new writer that is safe for concurrent use by
// multiple goroutines. Writes to the returned writer are passed on to w. If
// another write is already in progress, the calling goroutine blocks until
// the writer is available.
//
// If w implements the following interface, so does the returned writer,
// which lets packages such as log/term detect a terminal:
//
//	interface {
//		Fd() uintptr
//	}
func NewSyncWriter(w io.Writer) io.Writer {
	if fw, ok := w.(fdWriter); ok {
		return &fdSyncWriter{syncWriter: syncWriter{w: w}, fd: fw}
	}
	return &syncWriter{w: w}
}

// fdWriter is a writer with a file descriptor, like *os.File.
type fdWriter interface {
	io.Writer
	Fd() uintptr
}

// syncWriter serializes the writes to w.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

// Write writes p to the underlying writer, holding the lock meanwhile.
func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(p)
}

// fdSyncWriter is a syncWriter that exposes its writer's file descriptor.
type fdSyncWriter struct {
	syncWriter
	fd fdWriter
}

// Fd returns the underlying writer's file descriptor.
func (w *fdSyncWriter) Fd() uintptr { return w.fd.Fd() }

// NewSyncLogger returns a logger that synchronizes concurrent use of the
// wrapped logger. When multiple goroutines use the SyncLogger concurrently
// only one goroutine will be allowed to log to the wrapped logger at a
// time. The other goroutines will block until the logger is available.
func NewSyncLogger(logger Logger) Logger {
	return &syncLogger{logger: logger}
}

// syncLogger serializes the calls to logger.
type syncLogger struct {
	mu     sync.Mutex
	logger Logger
}

// Log logs keyvals with the underlying logger, holding the lock meanwhile.
func (l *syncLogger) Log(keyvals ...any) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.logger.Log(keyvals...)
}
