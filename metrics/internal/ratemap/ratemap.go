package ratemap

import "sync"

// RateMap maps metric names to sample rates. It is safe for concurrent use.
// The zero value is an empty RateMap ready to use, and a nil *RateMap
// answers 1 to every Get.
type RateMap struct {
	mu    sync.RWMutex
	rates map[string]float64
}

// New returns an empty RateMap.
func New() *RateMap {
	return &RateMap{rates: make(map[string]float64)}
}

// Set records rate as the sample rate of name, replacing any previous one.
// The rate is stored as given; the backend that reads it decides what a rate
// outside (0, 1] means.
func (m *RateMap) Set(name string, rate float64) {
	m.mu.Lock()
	if m.rates == nil {
		m.rates = make(map[string]float64)
	}
	m.rates[name] = rate
	m.mu.Unlock()
}

// Get returns the sample rate of name, or 1.0 (every event is sent) if none
// was set.
func (m *RateMap) Get(name string) float64 {
	if m == nil {
		return 1.0
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	if rate, ok := m.rates[name]; ok {
		return rate
	}
	return 1.0
}
