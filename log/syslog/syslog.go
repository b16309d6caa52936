//go:build !windows && !plan9

package syslog

import (
	"bytes"
	"io"
	gosyslog "log/syslog"
	"sync"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/level"
)

// SyslogWriter is the part of *log/syslog.Writer that the logger uses: one
// method per priority. *syslog.Writer satisfies it; tests can use a fake.
type SyslogWriter interface {
	Write([]byte) (int, error)
	Close() error
	Emerg(string) error
	Alert(string) error
	Crit(string) error
	Err(string) error
	Warning(string) error
	Notice(string) error
	Info(string) error
	Debug(string) error
}

// PrioritySelector chooses the syslog priority of an event from its
// keyvals: one of the eight severities, LOG_EMERG to LOG_DEBUG, each
// written with the SyslogWriter method of that name. Any other priority (a
// facility included) makes the logger write the event with Write, so that
// it goes out with the writer's own priority, as in Go kit. It must be safe for concurrent use and must not modify or retain
// keyvals.
type PrioritySelector func(keyvals ...any) gosyslog.Priority

// Option configures the logger returned by NewSyslogLogger.
type Option func(*syslogLogger)

// PrioritySelectorOption sets the function that chooses each event's
// priority; nil keeps the default, which maps the first level.Value found
// under level.Key(): DebugValue to LOG_DEBUG, InfoValue to LOG_INFO,
// WarnValue to LOG_WARNING, ErrorValue to LOG_ERR, and anything else (no
// level at all included) to LOG_INFO.
func PrioritySelectorOption(selector PrioritySelector) Option {
	return func(l *syslogLogger) {
		if selector != nil {
			l.selector = selector
		}
	}
}

type syslogLogger struct {
	w        SyslogWriter
	selector PrioritySelector
	pool     sync.Pool
}

// bufLogger is a formatting logger bound to its own buffer.
type bufLogger struct {
	buf    bytes.Buffer
	logger log.Logger
}

// maxPooled is the largest buffer kept for reuse.
const maxPooled = 64 << 10

// NewSyslogLogger returns a logger that formats each event with a logger
// built by newLogger (for example log.NewLogfmtLogger) and writes the result
// to w with the method of the event's priority (w.Err for LOG_ERR, ...), as
// chosen by the PrioritySelector.
//
// The returned logger is safe for concurrent use if w is (*syslog.Writer
// is): every call formats into a pooled buffer with its own formatting
// logger. Log returns the formatting error, if any (and then writes
// nothing), or the error of the write. The logger does not close w. A nil
// newLogger means log.NewLogfmtLogger; a nil w yields a logger that
// discards every event. (Go kit's logger panics on its first event in both
// cases, and with a nil PrioritySelector.)
func NewSyslogLogger(w SyslogWriter, newLogger func(io.Writer) log.Logger, options ...Option) log.Logger {
	if w == nil {
		return log.NewNopLogger()
	}
	if newLogger == nil {
		newLogger = log.NewLogfmtLogger
	}
	l := &syslogLogger{w: w, selector: defaultPrioritySelector}
	for _, o := range options {
		if o != nil {
			o(l)
		}
	}
	l.pool.New = func() any {
		b := &bufLogger{}
		b.logger = newLogger(&b.buf)
		return b
	}
	return l
}

func (l *syslogLogger) Log(keyvals ...any) error {
	priority := l.selector(keyvals...)
	b := l.pool.Get().(*bufLogger)
	defer func() {
		if b.buf.Cap() <= maxPooled {
			b.buf.Reset()
			l.pool.Put(b)
		}
	}()
	if err := b.logger.Log(keyvals...); err != nil {
		return err
	}
	return l.write(priority, b.buf.Bytes())
}

// write sends msg with the method of the priority, or Write.
func (l *syslogLogger) write(p gosyslog.Priority, msg []byte) error {
	switch p {
	case gosyslog.LOG_EMERG:
		return l.w.Emerg(string(msg))
	case gosyslog.LOG_ALERT:
		return l.w.Alert(string(msg))
	case gosyslog.LOG_CRIT:
		return l.w.Crit(string(msg))
	case gosyslog.LOG_ERR:
		return l.w.Err(string(msg))
	case gosyslog.LOG_WARNING:
		return l.w.Warning(string(msg))
	case gosyslog.LOG_NOTICE:
		return l.w.Notice(string(msg))
	case gosyslog.LOG_INFO:
		return l.w.Info(string(msg))
	case gosyslog.LOG_DEBUG:
		return l.w.Debug(string(msg))
	}
	_, err := l.w.Write(msg)
	return err
}

// defaultPrioritySelector maps level values to priorities; see
// PrioritySelectorOption.
func defaultPrioritySelector(keyvals ...any) gosyslog.Priority {
	key := level.Key()
	for i := 0; i+1 < len(keyvals); i += 2 {
		if keyvals[i] != key {
			continue
		}
		v, ok := keyvals[i+1].(level.Value)
		if !ok {
			continue
		}
		switch v {
		case level.DebugValue():
			return gosyslog.LOG_DEBUG
		case level.InfoValue():
			return gosyslog.LOG_INFO
		case level.WarnValue():
			return gosyslog.LOG_WARNING
		case level.ErrorValue():
			return gosyslog.LOG_ERR
		}
	}
	return gosyslog.LOG_INFO
}
