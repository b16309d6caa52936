// Command quickstart is the README's quickstart program: an instrumented,
// traced HTTP service in one file. Its test keeps the README's copy in step.
package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	kitprometheus "github.com/seedkit/kit/metrics/prometheus"
	"github.com/seedkit/kit/tracing/opentelemetry"
	httptransport "github.com/seedkit/kit/transport/http"
)

type upperRequest struct{ S string }
type upperResponse struct{ V string }

func main() {
	logger := log.NewLogfmtLogger(log.NewSyncWriter(os.Stdout))
	reg := prometheus.NewRegistry()
	calls, _ := kitprometheus.NewCounterIn(reg, prometheus.CounterOpts{Name: "upper_calls_total"}, nil)

	upper := endpoint.Typed[upperRequest, upperResponse](func(_ context.Context, r upperRequest) (upperResponse, error) {
		calls.Add(1)
		return upperResponse{strings.ToUpper(r.S)}, nil
	}).Use(opentelemetry.TraceServer("upper")) // a span per call

	mux := http.NewServeMux()
	mux.Handle("POST /upper", httptransport.NewServer(upper.Endpoint(),
		func(_ context.Context, r *http.Request) (any, error) {
			var req upperRequest
			return req, json.NewDecoder(r.Body).Decode(&req)
		},
		httptransport.EncodeJSONResponse,
		httptransport.ServerBefore(opentelemetry.HTTPToContext()), // joins the caller's trace
	))
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	logger.Log("msg", "listening", "addr", ":8080")
	logger.Log("err", http.ListenAndServe(":8080", mux))
}
