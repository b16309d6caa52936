package pcp_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/performancecopilot/speed/v4"

	"github.com/seedkit/kit/metrics/pcp"
)

// hermetic points speed's MMV directory at a temporary one. speed uses
// os.TempDir()/mmv unless a pcp.conf (read once at start-up) says otherwise;
// then the test cannot be hermetic and is skipped.
func hermetic(t *testing.T) string {
	t.Helper()
	for _, conf := range []string{os.Getenv("PCP_CONF"), filepath.Join(os.Getenv("PCP_DIR"), "etc", "pcp.conf"), "/etc/pcp.conf"} {
		if conf == "" {
			continue
		}
		if _, err := os.Stat(conf); err == nil {
			t.Skipf("PCP is installed (%s): speed writes MMV files to its PCP_TMP_DIR, so this test cannot be hermetic", conf)
		}
	}
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	return dir
}

func TestReporterLifecycle(t *testing.T) {
	dir := hermetic(t)
	r, err := pcp.NewReporter("kittest_lifecycle")
	if err != nil {
		t.Fatal(err)
	}
	c, err := r.NewCounter("kittest.requests", "requests served")
	if err != nil {
		t.Fatal(err)
	}
	g, err := r.NewGauge("kittest.inflight")
	if err != nil {
		t.Fatal(err)
	}
	h, err := r.NewHistogram("kittest.latency", 0, 1000, speed.OneUnit)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.NewCounter("kittest.requests"); err == nil {
		t.Error("duplicate name accepted")
	}
	r.Start()
	if err := r.Err(); err != nil {
		t.Fatalf("Start: %v", err)
	}
	mmv := filepath.Join(dir, "mmv", "kittest_lifecycle")
	if _, err := os.Stat(mmv); err != nil {
		t.Fatalf("no MMV file: %v", err)
	}
	if _, err := r.NewCounter("kittest.late"); err == nil {
		t.Error("metric created after Start accepted (Go kit panics)")
	}

	c.With("ignored", "x").Add(2)
	c.Add(1.9) // truncated
	c.Add(-5)  // a counter cannot go down: ignored
	if got := c.Value(); got != 3 {
		t.Errorf("counter %v, want 3", got)
	}
	g.Set(4)
	g.With().Add(-1.5)
	if got := g.Value(); got != 2.5 {
		t.Errorf("gauge %v, want 2.5", got)
	}
	h.Observe(10)
	h.Observe(30)
	h.Observe(-5) // out of range: dropped (Go kit panics)
	if h.Mean() != 20 {
		t.Errorf("mean %v, want 20", h.Mean())
	}
	if p := h.Percentile(100); p != 30 {
		t.Errorf("p100 %v, want 30", p)
	}

	r.Stop()
	if err := r.Err(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	r.Stop() // not started: an error, not a panic
	if r.Err() == nil {
		t.Error("second Stop reported no error")
	}
}

func TestBadNames(t *testing.T) {
	hermetic(t)
	if _, err := pcp.NewReporter("a/b"); err == nil {
		t.Error("app name with a path separator accepted")
	}
	r, err := pcp.NewReporter("kittest_badnames")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.NewCounter(""); err == nil {
		t.Error("invalid metric name accepted")
	}
	if _, err := r.NewHistogram("kittest.h", 10, 1, speed.OneUnit); err == nil {
		t.Error("histogram with min > max accepted")
	}
}
