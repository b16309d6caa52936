package log

import (
	"io"
	stdlog "log"
	"strings"
)

// StdlibWriter implements io.Writer by invoking the stdlib log.Print. It's
// designed to be passed to a Go kit logger as the writer, for cases where
// it's necessary to redirect all Go kit log output to the stdlib logger.
//
// If you have any choice in the matter, you shouldn't use this. Prefer to
// redirect the stdlib log to the Go kit logger via NewStdlibAdapter.
type StdlibWriter struct{}

// Write implements io.Writer: it logs p, without surrounding white space,
// with the standard library's log.Print, and reports len(p) bytes written.
func (w StdlibWriter) Write(p []byte) (int, error) {
	stdlog.Print(strings.TrimSpace(string(p)))
	return len(p), nil
}

// StdlibAdapter wraps a Logger and allows it to be passed to the stdlib
// logger's SetOutput. It will extract date/timestamps, filenames, and
// messages, and place them under relevant keys.
type StdlibAdapter struct {
	Logger
	timestampKey    string
	fileKey         string
	messageKey      string
	prefix          string
	joinPrefixToMsg bool
}

// StdlibAdapterOption sets a parameter for the StdlibAdapter.
type StdlibAdapterOption func(*StdlibAdapter)

// TimestampKey sets the key for the timestamp field. By default, it's "ts".
func TimestampKey(key string) StdlibAdapterOption {
	return func(a *StdlibAdapter) { a.timestampKey = key }
}

// FileKey sets the key for the file and line field. By default, it's
// "caller".
func FileKey(key string) StdlibAdapterOption {
	return func(a *StdlibAdapter) { a.fileKey = key }
}

// MessageKey sets the key for the actual log message. By default, it's
// "msg".
func MessageKey(key string) StdlibAdapterOption {
	return func(a *StdlibAdapter) { a.messageKey = key }
}

// Prefix configures the adapter to parse a prefix from stdlib log events. If
// you provide a non-empty prefix to the stdlib logger, then you should
// provide that same prefix to the adapter via this option: it is removed
// from the start of each line (and, for loggers using log.Lmsgprefix, from
// the start of the message). By default, the prefix isn't included in the
// msg key. Set joinPrefixToMsg to true if you want to include the parsed
// prefix in the msg.
func Prefix(prefix string, joinPrefixToMsg bool) StdlibAdapterOption {
	return func(a *StdlibAdapter) { a.prefix, a.joinPrefixToMsg = prefix, joinPrefixToMsg }
}

// NewStdlibAdapter returns a new StdlibAdapter wrapper around the passed
// logger. It's designed to be passed to log.SetOutput of the standard
// library.
func NewStdlibAdapter(logger Logger, options ...StdlibAdapterOption) io.Writer {
	a := StdlibAdapter{
		Logger:       logger,
		timestampKey: "ts",
		fileKey:      "caller",
		messageKey:   "msg",
	}
	for _, option := range options {
		option(&a)
	}
	return a
}

// Write parses p as one line written by a standard library logger and logs
// it with the wrapped Logger: the date and time, if present, under the
// timestamp key (as "2009/01/23 01:23:23.123123"), the file and line, if
// present, under the file key, and the message, without its trailing
// newlines, under the message key. It returns the logger's error, if any,
// else len(p). (Go kit returns len(p) less the length of a prefix it
// removed, a short write without an error that breaks io.Writer's
// contract; kit reports the whole of p as written.)
func (a StdlibAdapter) Write(p []byte) (int, error) {
	line := string(p)
	if a.prefix != "" {
		line = strings.TrimPrefix(line, a.prefix)
	}
	date, rest := cutMatch(line, isDate)
	rest = strings.TrimPrefix(rest, " ")
	clock, rest := cutMatch(rest, clockLen)
	rest = strings.TrimPrefix(rest, " ")
	file, rest := cutMatch(rest, fileLen)
	msg := strings.TrimPrefix(rest, ": ")
	msg = strings.TrimRight(msg, "\n")

	keyvals := make([]any, 0, 6)
	if ts := strings.TrimSpace(date + " " + clock); ts != "" {
		keyvals = append(keyvals, a.timestampKey, ts)
	}
	if file != "" {
		keyvals = append(keyvals, a.fileKey, file)
	}
	if a.prefix != "" {
		msg = strings.TrimPrefix(msg, a.prefix)
		if a.joinPrefixToMsg {
			msg = a.prefix + msg
		}
	}
	keyvals = append(keyvals, a.messageKey, msg)
	if err := a.Logger.Log(keyvals...); err != nil {
		return 0, err
	}
	return len(p), nil
}

// cutMatch splits s after the prefix whose length match returns (0 when s
// does not start with a match).
func cutMatch(s string, match func(string) int) (string, string) {
	n := match(s)
	return s[:n], s[n:]
}

// digits reports whether s[i:j] is all ASCII digits (false if out of
// range).
func digits(s string, i, j int) bool {
	if j > len(s) {
		return false
	}
	for ; i < j; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isDate returns 10 if s starts with a date written by log.Ldate
// ("2009/01/23"), else 0.
func isDate(s string) int {
	if digits(s, 0, 4) && digits(s, 5, 7) && digits(s, 8, 10) && s[4] == '/' && s[7] == '/' {
		return 10
	}
	return 0
}

// clockLen returns the length of the time written by log.Ltime, with
// optional fractional seconds, that s starts with ("01:23:23.123123"), or
// 0.
func clockLen(s string) int {
	if !digits(s, 0, 2) || !digits(s, 3, 5) || !digits(s, 6, 8) || s[2] != ':' || s[5] != ':' {
		return 0
	}
	n := 8
	if n+1 < len(s) && s[n] == '.' && digits(s, n+1, n+2) {
		n += 2
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
	}
	return n
}

// fileLen returns the length of the "file.go:23" written by log.Lshortfile
// or log.Llongfile that s starts with, or 0: the shortest prefix of the
// first line of s that is at least one character followed by a colon and
// the longest run of digits after it.
func fileLen(s string) int {
	for i := 1; i+1 < len(s); i++ {
		if s[i-1] == '\n' {
			return 0
		}
		if s[i] == ':' && s[i+1] >= '0' && s[i+1] <= '9' {
			n := i + 1
			for n < len(s) && s[n] >= '0' && s[n] <= '9' {
				n++
			}
			return n
		}
	}
	return 0
}
