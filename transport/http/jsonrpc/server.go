package jsonrpc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/seedkit/kit/log"
	httptransport "github.com/seedkit/kit/transport/http"
)

// contextKey is the type of this package's context keys.
type contextKey int

const (
	// ContextKeyRequestMethod holds the JSON-RPC method name (a string) in
	// the context of ServerBeforeCodec functions, decoders, endpoints,
	// encoders and error encoders.
	ContextKeyRequestMethod contextKey = iota

	// requestIDKey holds the request's *RequestID (nil for null).
	requestIDKey
)

// Server is an http.Handler serving JSON-RPC 2.0 requests for the methods
// of an EndpointCodecMap. Build it with NewServer; the zero value is not
// usable. It is safe for concurrent use as long as its endpoints, codecs and
// hooks are.
type Server struct {
	ecm          EndpointCodecMap
	before       []httptransport.RequestFunc
	beforeCodec  []RequestFunc
	after        []httptransport.ServerResponseFunc
	errorEncoder httptransport.ErrorEncoder
	finalizer    []httptransport.ServerFinalizerFunc
	logger       log.Logger
}

// NewServer constructs a new server, which implements http.Handler and
// dispatches each request to the EndpointCodec registered for its method.
func NewServer(ecm EndpointCodecMap, options ...ServerOption) *Server {
	s := &Server{
		ecm:          ecm,
		errorEncoder: DefaultErrorEncoder,
		logger:       log.NewNopLogger(),
	}
	for _, option := range options {
		option(s)
	}
	return s
}

// ServerOption sets an optional parameter for servers.
type ServerOption func(*Server)

// RequestFunc is a hook that sees the HTTP request and the decoded JSON-RPC
// request envelope, before the method's params are decoded. It returns the
// context to use from then on.
type RequestFunc func(context.Context, *http.Request, Request) context.Context

// ServerBefore appends functions run on every HTTP request, once, before its
// body is read.
func ServerBefore(before ...httptransport.RequestFunc) ServerOption {
	return func(s *Server) { s.before = append(s.before, before...) }
}

// ServerBeforeCodec appends functions run for every JSON-RPC request (each
// element of a batch) once its envelope is decoded, before its params are.
func ServerBeforeCodec(beforeCodec ...RequestFunc) ServerOption {
	return func(s *Server) { s.beforeCodec = append(s.beforeCodec, beforeCodec...) }
}

// ServerAfter appends functions run after a method's endpoint succeeds,
// before its result is encoded. They may set response headers.
func ServerAfter(after ...httptransport.ServerResponseFunc) ServerOption {
	return func(s *Server) { s.after = append(s.after, after...) }
}

// ServerErrorEncoder replaces DefaultErrorEncoder. The encoder must write a
// complete JSON-RPC response; it finds the request's id with the context it
// is given, as DefaultErrorEncoder does. In a batch, what it writes becomes
// one element of the batch response (its status code is ignored).
func ServerErrorEncoder(ee httptransport.ErrorEncoder) ServerOption {
	return func(s *Server) { s.errorEncoder = ee }
}

// ServerErrorLogger sets the logger every error is logged to, as the pair
// "err", err, before it is encoded. By default errors are not logged.
// Errors of notifications, which get no response, are only logged.
func ServerErrorLogger(logger log.Logger) ServerOption {
	return func(s *Server) {
		if logger == nil {
			logger = log.NewNopLogger()
		}
		s.logger = logger
	}
}

// ServerFinalizer adds a function run at the end of every HTTP request with
// the status code sent. It may be given more than once: every function
// runs, in order (Go kit keeps only the last one given).
func ServerFinalizer(f httptransport.ServerFinalizerFunc) ServerOption {
	return func(s *Server) { s.finalizer = append(s.finalizer, f) }
}

// ServeHTTP implements http.Handler.
//
// Only POST is accepted (405 otherwise, with an Allow header Go kit does not
// send). The Content-Type is not checked, like Go kit: the body is parsed as
// JSON whatever the header says. A JSON object is one request; a JSON array
// is a batch. Each request is processed in this order: ServerBeforeCodec
// functions, the method's Decode (given the params as received, null
// included), its Endpoint, ServerAfter functions, its Encode. Errors become
// JSON-RPC error responses with HTTP status 200 (see DefaultErrorEncoder):
// ParseError for invalid JSON, InvalidRequestError for a bad envelope (a
// "jsonrpc" member that is present and not "2.0" — a missing or empty one is
// accepted, as Go kit never checked it —, a missing method, an invalid id,
// an empty batch), MethodNotFoundError, InvalidParamsError when Decode
// fails with an encoding/json syntax or type error (*json.SyntaxError,
// *json.UnmarshalTypeError) that carries no ErrorCoder of its own, and, as
// in Go kit, for other errors of Decode, Endpoint and Encode the error's own
// ErrorCoder code or else InternalError. (Go kit answers InternalError for
// params that do not decode; kit follows the JSON-RPC 2.0 specification
// there. The error keeps its message and unwraps to the decoder's error.)
//
// For a valid request with an id the response is Go kit's. Differences are
// deliberate and concern input Go kit mishandles: Go kit does not check the
// envelope (it serves "jsonrpc":"1.0", an object or boolean id fails as a
// ParseError, and trailing data after the request is ignored, where kit
// answers ParseError or InvalidRequestError as the specification says); the
// text of ParseError messages differs after their common prefix; an Encode
// that returns no result is answered with "result": null where Go kit sends
// a response with neither result nor error; and notifications and batches,
// described next.
//
// A request without an "id" member is a notification: its endpoint runs but
// no response is written for it. A single notification is answered with 204
// No Content, and so is a batch made only of notifications. A batch is
// answered with an array holding the responses of its other elements, in
// order; the elements are processed one after the other. Batches are an
// addition to Go kit, which handles single requests only and answers
// notifications like requests.
func (s Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusMethodNotAllowed)
		_, _ = io.WriteString(w, "405 must POST\n")
		return
	}

	ctx := r.Context()
	if len(s.finalizer) > 0 {
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		w = sw
		defer func() {
			for _, f := range s.finalizer {
				f(ctx, sw.code, r)
			}
		}()
	}

	for _, f := range s.before {
		ctx = f(ctx, r)
	}

	body, err := io.ReadAll(r.Body)
	if err != nil {
		s.fail(ctx, w, Error{Code: ParseError, Message: "JSON could not be decoded: " + err.Error()})
		return
	}
	body = bytes.TrimSpace(body)
	if len(body) > 0 && body[0] == '[' {
		s.serveBatch(ctx, w, r, body)
		return
	}
	if !s.serveOne(ctx, w, r, body, &ctx) {
		w.WriteHeader(http.StatusNoContent)
	}
}

// serveBatch answers a JSON array of requests.
func (s Server) serveBatch(ctx context.Context, w http.ResponseWriter, r *http.Request, body []byte) {
	var msgs []json.RawMessage
	if err := json.Unmarshal(body, &msgs); err != nil {
		s.fail(ctx, w, Error{Code: ParseError, Message: "JSON could not be decoded: " + err.Error()})
		return
	}
	if len(msgs) == 0 {
		s.fail(ctx, w, Error{Code: InvalidRequestError, Message: "invalid request: empty batch"})
		return
	}
	var out bytes.Buffer
	out.WriteByte('[')
	n := 0
	for _, msg := range msgs {
		cw := &captureWriter{header: w.Header()}
		if !s.serveOne(ctx, cw, r, msg, nil) {
			continue
		}
		res := bytes.TrimSpace(cw.body.Bytes())
		if !json.Valid(res) {
			// A custom error encoder wrote something else than JSON.
			res, _ = json.Marshal(Response{JSONRPC: Version, Error: &Error{
				Code: InternalError, Message: "error encoder wrote invalid JSON",
			}})
		}
		if n > 0 {
			out.WriteByte(',')
		}
		out.Write(res)
		n++
	}
	if n == 0 {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	out.WriteString("]\n")
	w.Header().Set("Content-Type", ContentType)
	_, _ = w.Write(out.Bytes())
}

// serveOne processes one request object and writes its response to w. It
// reports whether it wrote a response (false for notifications). If final
// is not nil, it receives the context as the hooks left it, so that the
// server's finalizers see what ServerBeforeCodec added, as in Go kit.
func (s Server) serveOne(ctx context.Context, w http.ResponseWriter, r *http.Request, msg []byte, final *context.Context) bool {
	if final != nil {
		defer func() { *final = ctx }()
	}
	req, notification, rerr := parseRequest(msg)
	if rerr != nil {
		if req.ID != nil {
			ctx = context.WithValue(ctx, requestIDKey, req.ID)
		}
		s.fail(ctx, w, *rerr)
		return true
	}

	ctx = context.WithValue(ctx, requestIDKey, req.ID)
	ctx = context.WithValue(ctx, ContextKeyRequestMethod, req.Method)
	for _, f := range s.beforeCodec {
		ctx = f(ctx, r, req)
	}

	fail := func(err error) bool {
		if notification {
			_ = s.logger.Log("err", err)
			return false
		}
		s.fail(ctx, w, err)
		return true
	}

	codec, ok := s.ecm[req.Method]
	if !ok {
		return fail(Error{Code: MethodNotFoundError, Message: fmt.Sprintf("Method %s was not found.", req.Method)})
	}

	request, err := codec.Decode(ctx, req.Params)
	if err != nil {
		return fail(paramsError(err))
	}

	response, err := codec.Endpoint(ctx, request)
	if err != nil {
		return fail(err)
	}

	for _, f := range s.after {
		ctx = f(ctx, w)
	}
	if notification {
		return false
	}

	result, err := codec.Encode(ctx, response)
	if err != nil {
		return fail(err)
	}
	if len(bytes.TrimSpace(result)) == 0 {
		result = json.RawMessage("null")
	}
	b, err := json.Marshal(Response{JSONRPC: Version, Result: result, ID: req.ID})
	if err != nil {
		return fail(Error{Code: InternalError, Message: "encode result: " + err.Error()})
	}
	w.Header().Set("Content-Type", ContentType)
	_, _ = w.Write(append(b, '\n'))
	return true
}

func (s Server) fail(ctx context.Context, w http.ResponseWriter, err error) {
	_ = s.logger.Log("err", err)
	s.errorEncoder(ctx, err, w)
}

// invalidParams marks a Decode failure caused by params that are not valid
// JSON of the expected shape.
type invalidParams struct{ err error }

func (e invalidParams) Error() string  { return e.err.Error() }
func (e invalidParams) Unwrap() error  { return e.err }
func (e invalidParams) ErrorCode() int { return InvalidParamsError }

// paramsError returns err, marked as InvalidParamsError when it is an
// encoding/json syntax or type error that carries no code of its own.
func paramsError(err error) error {
	var ec ErrorCoder
	if errors.As(err, &ec) {
		return err
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	if errors.As(err, &syntax) || errors.As(err, &typ) {
		return invalidParams{err}
	}
	return err
}

// wireRequest is a request object as received, before validation.
type wireRequest struct {
	JSONRPC string          `json:"jsonrpc"`
	Method  *string         `json:"method"`
	Params  json.RawMessage `json:"params"`
	ID      json.RawMessage `json:"id"`
}

// parseRequest decodes and validates one request object. It reports
// whether it is a notification (no id member). On error, req.ID is set if
// the id itself could be read.
func parseRequest(msg []byte) (req Request, notification bool, rerr *Error) {
	var wr wireRequest
	if err := json.Unmarshal(msg, &wr); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) || len(msg) == 0 {
			return req, false, &Error{Code: ParseError, Message: "JSON could not be decoded: " + err.Error()}
		}
		return req, false, &Error{Code: InvalidRequestError, Message: "invalid request: " + err.Error()}
	}
	if wr.ID != nil {
		var id RequestID
		if err := id.UnmarshalJSON(wr.ID); err != nil {
			return req, false, &Error{Code: InvalidRequestError, Message: "invalid request: " + err.Error()}
		}
		if id.kind != idNull {
			req.ID = &id
		}
	}
	// A missing or empty version is accepted: Go kit's server never checked
	// it and older clients sent "". Any other value than "2.0" is refused.
	if wr.JSONRPC != Version && wr.JSONRPC != "" {
		return req, false, &Error{Code: InvalidRequestError, Message: fmt.Sprintf("invalid request: jsonrpc must be %q, not %q", Version, wr.JSONRPC)}
	}
	if wr.Method == nil || *wr.Method == "" {
		return req, false, &Error{Code: InvalidRequestError, Message: "invalid request: method is required"}
	}
	req.Params = wr.Params
	req.JSONRPC = wr.JSONRPC
	req.Method = *wr.Method
	return req, wr.ID == nil, nil
}

// DefaultErrorEncoder writes err as a JSON-RPC error response with HTTP
// status 200, as JSON-RPC over HTTP expects. The error's code comes from an
// ErrorCoder in its wrap chain (InternalError if none); its message is
// err.Error(); if the chain holds an Error, its Data is sent too; if it
// holds an httptransport.Headerer, its headers are set on the response. The
// response's id is the request's, read from ctx (null if unknown).
//
// For an error that wraps nothing the response is Go kit's, except where Go
// kit loses information: Go kit drops an Error's Data, sets only the first
// value of each Headerer header, and sends an empty message as is where kit
// sends the code's standard message. Go kit also only type-asserts err
// itself, where kit looks through the wrap chain.
func DefaultErrorEncoder(ctx context.Context, err error, w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", ContentType)
	var hr httptransport.Headerer
	if errors.As(err, &hr) {
		for k, vs := range hr.Headers() {
			h.Del(k)
			for _, v := range vs {
				h.Add(k, v)
			}
		}
	}

	e := Error{Code: InternalError}
	if err != nil {
		e.Message = err.Error()
	}
	var ec ErrorCoder
	if errors.As(err, &ec) {
		e.Code = ec.ErrorCode()
	}
	var rpcErr Error
	if errors.As(err, &rpcErr) {
		e.Data = rpcErr.Data
	}
	if e.Message == "" {
		e.Message = ErrorMessage(e.Code)
	}

	id, _ := ctx.Value(requestIDKey).(*RequestID)
	b, merr := json.Marshal(Response{JSONRPC: Version, Error: &e, ID: id})
	if merr != nil { // Data could not be marshaled: send the error without it
		e.Data = nil
		b, _ = json.Marshal(Response{JSONRPC: Version, Error: &e, ID: id})
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(append(b, '\n'))
}

// statusWriter records the status code for finalizers.
type statusWriter struct {
	http.ResponseWriter
	code        int
	wroteHeader bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wroteHeader && (code >= 200 || code == http.StatusSwitchingProtocols) {
		w.code, w.wroteHeader = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	w.wroteHeader = true
	return w.ResponseWriter.Write(p)
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// captureWriter collects one batch element's response. Headers go straight
// to the real response; the status code is ignored.
type captureWriter struct {
	header http.Header
	body   bytes.Buffer
}

func (c *captureWriter) Header() http.Header         { return c.header }
func (c *captureWriter) Write(p []byte) (int, error) { return c.body.Write(p) }
func (c *captureWriter) WriteHeader(int)             {}
