package prometheus_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	stdprometheus "github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/seedkit/kit/metrics/prometheus"
)

// TestPrometheusScrape has a real Prometheus server scrape a kit-instrumented
// service (found through file-based service discovery) and checks the value
// its query API returns.
func TestPrometheusScrape(t *testing.T) {
	t.Parallel()
	promURL, sdDir := os.Getenv("PROMETHEUS_URL"), os.Getenv("PROMETHEUS_FILE_SD_DIR")
	if promURL == "" || sdDir == "" {
		t.Skip("PROMETHEUS_URL or PROMETHEUS_FILE_SD_DIR not set: run via make test / scripts/services.sh")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	reg := stdprometheus.NewRegistry()
	requests, err := prometheus.NewCounterIn(reg, stdprometheus.CounterOpts{
		Name: "kittest_requests_total",
		Help: "Requests served by the kit integration test.",
	}, []string{"method"})
	if err != nil {
		t.Fatal(err)
	}
	get := requests.With("method", "GET")
	for range 41 {
		get.Add(1)
	}
	get.Add(0.5)
	const want = 41.5

	srv := httptest.NewServer(promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	defer srv.Close()
	target := strings.TrimPrefix(srv.URL, "http://")

	unique := fmt.Sprintf("kit-%d-%d", os.Getpid(), time.Now().UnixNano())
	targets, _ := json.Marshal([]map[string]any{{
		"targets": []string{target},
		"labels":  map[string]string{"kittest": unique},
	}})
	tmp, err := os.CreateTemp(sdDir, ".kittest-*.tmp")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tmp.Write(targets); err != nil {
		t.Fatal(err)
	}
	if err := tmp.Close(); err != nil {
		t.Fatal(err)
	}
	final := filepath.Join(sdDir, unique+".json")
	if err := os.Rename(tmp.Name(), final); err != nil {
		_ = os.Remove(tmp.Name())
		t.Fatal(err)
	}
	defer os.Remove(final)

	query := fmt.Sprintf(`kittest_requests_total{kittest=%q,method="GET"}`, unique)
	var last string
	for {
		v, body, err := queryValue(ctx, promURL, query)
		if err == nil && v == want {
			return
		}
		last = fmt.Sprintf("value %v, err %v, body %.300s", v, err, body)
		timer := time.NewTimer(250 * time.Millisecond)
		select {
		case <-ctx.Done():
			timer.Stop()
			t.Fatalf("Prometheus never returned %v for %s; last: %s", want, query, last)
		case <-timer.C:
		}
	}
}

// queryValue runs an instant query and returns the value of its only
// sample.
func queryValue(ctx context.Context, base, query string) (float64, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet,
		strings.TrimSuffix(base, "/")+"/api/v1/query?query="+url.QueryEscape(query), nil)
	if err != nil {
		return 0, "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	var r struct {
		Status string `json:"status"`
		Data   struct {
			Result []struct {
				Value [2]any `json:"value"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return 0, "", err
	}
	if r.Status != "success" || len(r.Data.Result) != 1 {
		return 0, fmt.Sprintf("%+v", r), fmt.Errorf("status %q, %d results", r.Status, len(r.Data.Result))
	}
	s, _ := r.Data.Result[0].Value[1].(string)
	v, err := strconv.ParseFloat(s, 64)
	return v, s, err
}
