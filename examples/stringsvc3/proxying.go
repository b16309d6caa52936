package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/sony/gobreaker"
	"golang.org/x/time/rate"

	"github.com/seedkit/kit/circuitbreaker"
	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/ratelimit"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/lb"
	httptransport "github.com/seedkit/kit/transport/http"
)

// How the proxy treats the other instances.
const (
	proxyQPS         = 100             // calls per second to each instance, beyond which it is skipped
	proxyMaxAttempts = 3               // tries per Uppercase, each on the next instance
	proxyMaxTime     = 2 * time.Second // for all the tries of one Uppercase together
)

// proxyingMiddleware sends Uppercase to the given instances of the service
// (host:port, or URLs whose path is the service's root), one after the other
// in turn, trying the next when one fails; Count is still served locally.
// Each instance has a circuit breaker, so that one that keeps failing is
// skipped without waiting for it, and a rate limit. Requests go through
// client, which the caller owns.
func proxyingMiddleware(instances []string, client *http.Client, logger log.Logger) (Middleware, error) {
	if len(instances) == 0 {
		return nil, errors.New("proxy: no instances")
	}
	var endpoints sd.FixedEndpointer
	for _, instance := range instances {
		e, err := makeUppercaseProxy(instance, client, logger)
		if err != nil {
			return nil, err
		}
		endpoints = append(endpoints, e)
	}
	uppercase := lb.Retry(proxyMaxAttempts, proxyMaxTime, lb.NewRoundRobin(endpoints))
	return func(next StringService) StringService { return proxy{uppercase, next} }, nil
}

// makeUppercaseProxy returns an endpoint that calls Uppercase on one
// instance over HTTP, guarded by a circuit breaker and a rate limiter.
func makeUppercaseProxy(instance string, client *http.Client, logger log.Logger) (endpoint.Endpoint, error) {
	raw := instance
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("proxy: instance %q: %w", instance, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("proxy: instance %q: want host:port or an http(s) URL", instance)
	}
	u = u.JoinPath("uppercase")

	var e endpoint.Endpoint
	e = httptransport.NewClient(http.MethodPost, u, httptransport.EncodeJSONRequest, decodeUppercaseResponse,
		httptransport.SetClient(client)).Endpoint()
	e = circuitbreaker.Gobreaker(gobreaker.NewCircuitBreaker(gobreaker.Settings{
		Name: u.Host,
		// The caller giving up says nothing about the instance's health.
		IsSuccessful: func(err error) bool { return err == nil || errors.Is(err, context.Canceled) },
		OnStateChange: func(name string, from, to gobreaker.State) {
			_ = logger.Log("breaker", name, "from", from, "to", to)
		},
	}))(e)
	e = ratelimit.NewErroringLimiter(rate.NewLimiter(proxyQPS, proxyQPS))(e)
	return e, nil
}

// decodeUppercaseResponse reads another instance's answer. A status other
// than 200 is an error, so that the retry moves on to the next instance.
func decodeUppercaseResponse(_ context.Context, r *http.Response) (any, error) {
	if r.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 512))
		return nil, fmt.Errorf("%s: %s", r.Status, strings.TrimSpace(string(body)))
	}
	var resp uppercaseResponse
	if err := json.NewDecoder(r.Body).Decode(&resp); err != nil {
		return nil, fmt.Errorf("decoding response: %w", err)
	}
	return resp, nil
}

type proxy struct {
	uppercase endpoint.Endpoint
	next      StringService
}

func (mw proxy) Uppercase(ctx context.Context, s string) (string, error) {
	response, err := mw.uppercase(ctx, uppercaseRequest{S: s})
	if err != nil {
		return "", upstreamError{err}
	}
	resp := response.(uppercaseResponse)
	switch resp.Err {
	case "":
		return resp.V, nil
	case ErrEmpty.Error():
		return resp.V, ErrEmpty // the same error value as a local call's
	default:
		return resp.V, errors.New(resp.Err)
	}
}

func (mw proxy) Count(ctx context.Context, s string) int { return mw.next.Count(ctx, s) }

// upstreamError is a failure to get an answer from any other instance; the
// HTTP transport answers it with 502 Bad Gateway.
type upstreamError struct{ err error }

func (e upstreamError) Error() string { return "proxy: " + e.err.Error() }

func (e upstreamError) Unwrap() error { return e.err }

func (upstreamError) StatusCode() int { return http.StatusBadGateway }
