package voyage_test

import (
	"testing"

	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/voyage"
)

// TestSamplesConnected checks what Samples documents: following the
// sample voyages' movements, every sample location reaches every other.
func TestSamplesConnected(t *testing.T) {
	t.Parallel()
	next := map[location.UNLocode][]location.UNLocode{}
	for _, v := range voyage.Samples() {
		for _, m := range v.Movements {
			next[m.DepartureLocation] = append(next[m.DepartureLocation], m.ArrivalLocation)
		}
	}
	for _, from := range location.Samples() {
		reached := map[location.UNLocode]bool{from.UNLocode: true}
		queue := []location.UNLocode{from.UNLocode}
		for len(queue) > 0 {
			at := queue[0]
			queue = queue[1:]
			for _, to := range next[at] {
				if !reached[to] {
					reached[to] = true
					queue = append(queue, to)
				}
			}
		}
		for _, to := range location.Samples() {
			if !reached[to.UNLocode] {
				t.Errorf("no voyage path from %s to %s", from.UNLocode, to.UNLocode)
			}
		}
	}
}
