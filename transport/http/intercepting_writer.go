package http

import (
	"bufio"
	"io"
	"net"
	"net/http"
)

// interceptingWriter records the status code and the number of body bytes
// written through it, for ServerFinalizer. Only servers with finalizers use
// it; wrap returns it dressed with exactly the optional interfaces
// (http.Flusher, http.Hijacker, http.Pusher) the wrapped writer has.
type interceptingWriter struct {
	http.ResponseWriter
	code    int   // last final status code given to WriteHeader; 200 if none
	written int64 // body bytes accepted by the wrapped writer
}

func newInterceptingWriter(w http.ResponseWriter) *interceptingWriter {
	return &interceptingWriter{ResponseWriter: w, code: http.StatusOK}
}

// WriteHeader records every final (non-1xx, or 101) status code and
// forwards every call, so informational responses still reach the client.
//
// As in Go kit, the code recorded is the last one given: when an encoder
// has already sent 200 and then fails, the error encoder's superfluous
// WriteHeader(500) is what finalizers see, so that the failure is counted,
// although net/http ignores it and the client got 200. Unlike Go kit,
// informational codes (1xx other than 101) are not recorded, since a final
// status always follows them.
func (w *interceptingWriter) WriteHeader(code int) {
	if code >= 200 || code == http.StatusSwitchingProtocols {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write forwards to the wrapped writer and counts the bytes it accepted. A
// Write before any WriteHeader implies status 200, as in net/http.
func (w *interceptingWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.written += int64(n)
	return n, err
}

// ReadFrom lets io.Copy use the wrapped writer's own ReadFrom (sendfile for
// *os.File on a plain connection) while still counting bytes.
func (w *interceptingWriter) ReadFrom(src io.Reader) (int64, error) {
	var (
		n   int64
		err error
	)
	if rf, ok := w.ResponseWriter.(io.ReaderFrom); ok {
		n, err = rf.ReadFrom(src)
	} else {
		n, err = io.Copy(writerOnly{w.ResponseWriter}, src)
	}
	w.written += n
	return n, err
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (w *interceptingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// writerOnly hides every method but Write, so io.Copy cannot loop back into
// ReadFrom.
type writerOnly struct{ io.Writer }

type flusher struct{ w *interceptingWriter }

func (f flusher) Flush() {
	f.w.ResponseWriter.(http.Flusher).Flush()
}

type hijacker struct{ w *interceptingWriter }

func (h hijacker) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return h.w.ResponseWriter.(http.Hijacker).Hijack()
}

type pusher struct{ w *interceptingWriter }

func (p pusher) Push(target string, opts *http.PushOptions) error {
	return p.w.ResponseWriter.(http.Pusher).Push(target, opts)
}

// wrap returns w as an http.ResponseWriter that implements the same subset
// of http.Flusher, http.Hijacker and http.Pusher as the wrapped writer.
func (w *interceptingWriter) wrap() http.ResponseWriter {
	_, isF := w.ResponseWriter.(http.Flusher)
	_, isH := w.ResponseWriter.(http.Hijacker)
	_, isP := w.ResponseWriter.(http.Pusher)
	f, h, p := flusher{w}, hijacker{w}, pusher{w}
	switch {
	case isF && isH && isP:
		return struct {
			*interceptingWriter
			flusher
			hijacker
			pusher
		}{w, f, h, p}
	case isF && isH:
		return struct {
			*interceptingWriter
			flusher
			hijacker
		}{w, f, h}
	case isF && isP:
		return struct {
			*interceptingWriter
			flusher
			pusher
		}{w, f, p}
	case isH && isP:
		return struct {
			*interceptingWriter
			hijacker
			pusher
		}{w, h, p}
	case isF:
		return struct {
			*interceptingWriter
			flusher
		}{w, f}
	case isH:
		return struct {
			*interceptingWriter
			hijacker
		}{w, h}
	case isP:
		return struct {
			*interceptingWriter
			pusher
		}{w, p}
	default:
		return w
	}
}
