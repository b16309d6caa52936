package routing

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"time"

	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/voyage"
)

// NewPathfinder returns an HTTP handler serving the pathfinder API (see
// the package doc) over the voyages of repo: up to three paths with the
// fewest legs, each leg departing a few days after the previous arrival,
// starting the day after now(). A nil now means time.Now. The handler is
// safe for concurrent use.
func NewPathfinder(repo voyage.Repository, now func() time.Time) http.Handler {
	if now == nil {
		now = time.Now
	}
	type move struct {
		to     location.UNLocode
		voyage voyage.Number
	}
	graph := map[location.UNLocode][]move{}
	for _, v := range repo.FindAll() {
		for _, m := range v.Movements {
			graph[m.DepartureLocation] = append(graph[m.DepartureLocation], move{m.ArrivalLocation, v.Number})
		}
	}

	// find returns the paths of at most maxHops movements from one port to
	// another, visiting no port twice, as lists of edges. maxHops is large
	// enough for the longest trip between two sample locations (six
	// movements, Stockholm to Chicago by way of Hamburg, Melbourne, Hong
	// Kong, Tokyo and New York).
	const maxHops = 8
	find := func(from, to location.UNLocode) [][]edge {
		var found [][]edge
		visited := map[location.UNLocode]bool{from: true}
		var walk func(at location.UNLocode, sofar []edge)
		walk = func(at location.UNLocode, sofar []edge) {
			if at == to {
				found = append(found, slices.Clone(sofar))
				return
			}
			if len(sofar) == maxHops {
				return
			}
			for _, m := range graph[at] {
				if visited[m.to] {
					continue
				}
				visited[m.to] = true
				walk(m.to, append(sofar, edge{Origin: at, Destination: m.to, Voyage: m.voyage}))
				visited[m.to] = false
			}
		}
		walk(from, nil)
		return found
	}

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		from, to := location.UNLocode(r.FormValue("from")), location.UNLocode(r.FormValue("to"))
		if from == "" || to == "" || from == to {
			http.Error(w, "from and to must be two different locations", http.StatusBadRequest)
			return
		}
		var resp pathsResponse
		for _, edges := range find(from, to) {
			resp.Paths = append(resp.Paths, path{Edges: schedule(mergeVoyages(edges), now())})
		}
		slices.SortStableFunc(resp.Paths, func(a, b path) int { return cmp.Compare(len(a.Edges), len(b.Edges)) })
		resp.Paths = resp.Paths[:min(3, len(resp.Paths))]
		if resp.Paths == nil {
			resp.Paths = []path{}
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_ = json.NewEncoder(w).Encode(resp)
	})
}

// mergeVoyages turns consecutive movements on one voyage into one leg.
func mergeVoyages(edges []edge) []edge {
	var legs []edge
	for _, e := range edges {
		if n := len(legs); n > 0 && legs[n-1].Voyage == e.Voyage {
			legs[n-1].Destination = e.Destination
			continue
		}
		legs = append(legs, e)
	}
	return legs
}

// schedule gives the legs departure and arrival times: the first leaves
// the day after now, each takes two days per leg and the next leaves a day
// later.
func schedule(legs []edge, now time.Time) []edge {
	t := now.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
	for i := range legs {
		legs[i].Departure = t
		legs[i].Arrival = t.Add(48 * time.Hour)
		t = legs[i].Arrival.Add(24 * time.Hour)
	}
	return legs
}
