package ratemap_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/seedkit/kit/metrics/internal/ratemap"
)

func TestGetSet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		sets map[string]float64
		get  string
		want float64
	}{
		{"unknown", nil, "x", 1},
		{"set", map[string]float64{"x": 0.5}, "x", 0.5},
		{"other", map[string]float64{"x": 0.5}, "y", 1},
		{"zero stored", map[string]float64{"x": 0}, "x", 0},
		{"empty name", map[string]float64{"": 0.25}, "", 0.25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, m := range []*ratemap.RateMap{ratemap.New(), new(ratemap.RateMap)} {
				for k, v := range tt.sets {
					m.Set(k, v)
				}
				if got := m.Get(tt.get); got != tt.want {
					t.Fatalf("Get(%q) = %v, want %v", tt.get, got, tt.want)
				}
			}
		})
	}
}

func TestReplace(t *testing.T) {
	t.Parallel()
	m := ratemap.New()
	m.Set("x", 0.1)
	m.Set("x", 0.2)
	if got := m.Get("x"); got != 0.2 {
		t.Fatalf("Get = %v, want 0.2", got)
	}
}

func TestNil(t *testing.T) {
	t.Parallel()
	var m *ratemap.RateMap
	if got := m.Get("x"); got != 1 {
		t.Fatalf("nil Get = %v, want 1", got)
	}
}

func TestConcurrent(t *testing.T) {
	t.Parallel()
	m := ratemap.New()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprint("m", i%3)
			for range 200 {
				m.Set(name, 0.5)
				if got := m.Get(name); got != 0.5 {
					t.Errorf("Get(%q) = %v", name, got)
					return
				}
			}
		}()
	}
	wg.Wait()
}
