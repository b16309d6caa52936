// Package httpjson holds the JSON-over-HTTP helpers that the shipping
// example's bounded contexts share.
package httpjson

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// MaxBodyBytes bounds the request bodies Decode reads.
const MaxBodyBytes = 1 << 20

// ErrMalformed reports a request body that is not the expected JSON.
var ErrMalformed = errors.New("malformed request")

// Decode decodes the body of r, one JSON value with only known fields,
// into v. Its errors wrap ErrMalformed (and *http.MaxBytesError for a body
// over MaxBodyBytes).
func Decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, MaxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	if dec.More() {
		return fmt.Errorf("%w: data after the JSON body", ErrMalformed)
	}
	return nil
}

// StatusOf returns the status for the errors every context shares (400 for
// ErrMalformed, 413 for a body too large), or 0.
func StatusOf(err error) int {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, ErrMalformed):
		return http.StatusBadRequest
	}
	return 0
}

// WriteError answers with status code and the JSON body {"error": "..."}.
func WriteError(w http.ResponseWriter, code int, err error) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(struct {
		Error string `json:"error"`
	}{err.Error()})
}
