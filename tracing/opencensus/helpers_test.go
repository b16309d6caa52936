package opencensus_test

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.opencensus.io/trace"
)

// recorder is a trace.Exporter keeping spans in memory.
type recorder struct {
	mu    sync.Mutex
	spans []*trace.SpanData
}

func (r *recorder) ExportSpan(s *trace.SpanData) {
	r.mu.Lock()
	r.spans = append(r.spans, s)
	r.mu.Unlock()
}

// inTrace returns the ended spans of one trace.
func (r *recorder) inTrace(id trace.TraceID) []*trace.SpanData {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*trace.SpanData
	for _, s := range r.spans {
		if s.TraceID == id {
			out = append(out, s)
		}
	}
	return out
}

// named returns the ended spans called name.
func (r *recorder) named(name string) []*trace.SpanData {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*trace.SpanData
	for _, s := range r.spans {
		if s.Name == name {
			out = append(out, s)
		}
	}
	return out
}

func byName(t *testing.T, spans []*trace.SpanData, name string) *trace.SpanData {
	t.Helper()
	var found []*trace.SpanData
	var names []string
	for _, s := range spans {
		names = append(names, s.Name)
		if s.Name == name {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one span %q, have %d among %q", name, len(found), names)
	}
	return found[0]
}

func assertChild(t *testing.T, parent, child *trace.SpanData) {
	t.Helper()
	if child.TraceID != parent.TraceID || child.ParentSpanID != parent.SpanID {
		t.Errorf("%s: trace %s parent %s, want trace %s parent %s (%s)", child.Name,
			child.TraceID, child.ParentSpanID, parent.TraceID, parent.SpanID, parent.Name)
	}
}

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// root starts a root span for a test; end it, then look up its trace.
func root(t *testing.T) (context.Context, *trace.Span) {
	t.Helper()
	return trace.StartSpan(testContext(t), t.Name()+"/root", trace.WithSampler(trace.AlwaysSample()))
}

var seq atomic.Int64

// uniqueName returns a span name no other test (or run, with -count) uses.
func uniqueName(t *testing.T, suffix string) string {
	return t.Name() + "/" + strconv.FormatInt(seq.Add(1), 10) + "/" + suffix
}

// last returns the last ended span called name, or nil.
func (r *recorder) last(name string) *trace.SpanData {
	s := r.named(name)
	if len(s) == 0 {
		return nil
	}
	return s[len(s)-1]
}
