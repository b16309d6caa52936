package http

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
)

// DecodeRequestFunc turns an incoming HTTP request into the request value a
// server-side endpoint expects, for example by JSON-decoding r.Body into a
// struct. It must not close r.Body (net/http does). An error is passed to
// the Server's error handler and encoder.
type DecodeRequestFunc func(context.Context, *http.Request) (request any, err error)

// EncodeRequestFunc writes a client-side request value into an outgoing HTTP
// request that NewClient has already created with its method and URL,
// usually by setting the body and headers (see EncodeJSONRequest).
type EncodeRequestFunc func(context.Context, *http.Request, any) error

// CreateRequestFunc builds the whole outgoing HTTP request for a
// client-side request value: method, URL, headers and body. Use it with
// NewExplicitClient when the URL or method depends on the request.
type CreateRequestFunc func(context.Context, any) (*http.Request, error)

// EncodeResponseFunc writes a server-side endpoint's response value to the
// client: status code, headers and body (see EncodeJSONResponse).
type EncodeResponseFunc func(context.Context, http.ResponseWriter, any) error

// DecodeResponseFunc turns a received HTTP response into the response value
// a client-side endpoint returns, usually by decoding resp.Body and perhaps
// mapping error statuses to errors. Unless the Client was built with
// BufferedStream(true), the Client closes the body after it returns.
type DecodeResponseFunc func(context.Context, *http.Response) (response any, err error)

// StatusCoder is checked by DefaultErrorEncoder (on the error, through its
// wrap chain) and by EncodeJSONResponse (on the response). If found, its
// StatusCode is used as the HTTP status code; otherwise errors get 500 and
// responses 200.
type StatusCoder interface {
	StatusCode() int
}

// Headerer is checked by DefaultErrorEncoder (on the error, through its wrap
// chain), by EncodeJSONResponse (on the response) and by the request
// encoders (on the request). If found, its Headers are added to the message.
type Headerer interface {
	Headers() http.Header
}

// EncodeJSONRequest is an EncodeRequestFunc that serializes the request as a
// JSON object to the request body. The body is buffered, so the request
// carries a Content-Length and a GetBody function (it can be replayed on
// redirects and retries). Content-Type is set to
// "application/json; charset=utf-8". If the request implements Headerer, its
// headers replace those of the same name on r.
//
// Two differences from Go kit are deliberate: Go kit sends the body chunked,
// without a Content-Length; and for a Headerer it sets only the first value
// of each header, looked up by its canonical name (so a multi-valued header
// loses values, and a non-canonical key becomes an empty header), where kit
// keeps every value.
func EncodeJSONRequest(c context.Context, r *http.Request, request any) error {
	setRequestHeaders(r, "application/json; charset=utf-8", request)
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(request); err != nil {
		return err
	}
	setRequestBody(r, b.Bytes())
	return nil
}

// EncodeXMLRequest is an EncodeRequestFunc that serializes the request as an
// XML document to the request body, with Content-Type "text/xml;
// charset=utf-8". Otherwise it behaves like EncodeJSONRequest.
func EncodeXMLRequest(c context.Context, r *http.Request, request any) error {
	setRequestHeaders(r, "text/xml; charset=utf-8", request)
	var b bytes.Buffer
	if err := xml.NewEncoder(&b).Encode(request); err != nil {
		return err
	}
	setRequestBody(r, b.Bytes())
	return nil
}

func setRequestHeaders(r *http.Request, contentType string, request any) {
	if r.Header == nil {
		r.Header = make(http.Header)
	}
	r.Header.Set("Content-Type", contentType)
	if h, ok := request.(Headerer); ok {
		for k, vs := range h.Headers() {
			r.Header[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
		}
	}
}

func setRequestBody(r *http.Request, body []byte) {
	r.ContentLength = int64(len(body))
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.GetBody = func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(body)), nil
	}
}

// EncodeJSONResponse is an EncodeResponseFunc that serializes the response as
// a JSON object to the ResponseWriter, with Content-Type
// "application/json; charset=utf-8". If the response implements Headerer,
// its headers are added; if it implements StatusCoder, its code is used as
// the status (200 otherwise). With status 204 No Content no body is written.
func EncodeJSONResponse(_ context.Context, w http.ResponseWriter, response any) error {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	if hr, ok := response.(Headerer); ok {
		addHeaders(h, hr.Headers())
	}
	code := http.StatusOK
	if sc, ok := response.(StatusCoder); ok {
		code = sc.StatusCode()
	}
	w.WriteHeader(code)
	if code == http.StatusNoContent {
		return nil
	}
	return json.NewEncoder(w).Encode(response)
}

func addHeaders(dst, src http.Header) {
	for k, vs := range src {
		for _, v := range vs {
			dst.Add(k, v)
		}
	}
}

// DefaultErrorEncoder writes the error to the ResponseWriter. Each of the
// following is looked up with errors.As, so wrapping an error with %w keeps
// its meaning:
//
//   - a json.Marshaler in the chain provides the body, with Content-Type
//     "application/json; charset=utf-8"; otherwise (or if MarshalJSON
//     fails) the body is err.Error() as "text/plain; charset=utf-8";
//   - a Headerer in the chain adds its headers;
//   - a StatusCoder in the chain provides the status code; otherwise an
//     *http.MaxBytesError in the chain (a body over an http.MaxBytesReader
//     limit) gives 413 Request Entity Too Large, and anything else 500.
//
// For an error that wraps nothing the result is Go kit's. Two differences
// are deliberate: Go kit only type-asserts err itself, so a wrapped
// StatusCoder, Headerer or json.Marshaler is ignored there (500, text body);
// and Go kit answers 500 to a body over the limit, where kit says 413.
func DefaultErrorEncoder(_ context.Context, err error, w http.ResponseWriter) {
	contentType, body := "text/plain; charset=utf-8", []byte(nil)
	if err != nil {
		body = []byte(err.Error())
	}
	var m json.Marshaler
	if errors.As(err, &m) {
		if b, merr := m.MarshalJSON(); merr == nil {
			contentType, body = "application/json; charset=utf-8", b
		}
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	var hr Headerer
	if errors.As(err, &hr) {
		addHeaders(h, hr.Headers())
	}
	code := http.StatusInternalServerError
	var sc StatusCoder
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &sc):
		code = sc.StatusCode()
	case errors.As(err, &tooLarge):
		code = http.StatusRequestEntityTooLarge
	}
	w.WriteHeader(code)
	_, _ = w.Write(body)
}
