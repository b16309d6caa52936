// Package voyage is the voyages of the shipping example: the scheduled
// sailings of a vessel between ports, and a few samples.
package voyage

import (
	"errors"

	"github.com/seedkit/kit/examples/shipping/location"
)

// Number identifies a voyage.
type Number string

// Voyage is a vessel's sequence of carrier movements.
type Voyage struct {
	Number    Number
	Movements []CarrierMovement
}

// CarrierMovement is one leg of a voyage, from a port to the next.
type CarrierMovement struct {
	DepartureLocation location.UNLocode
	ArrivalLocation   location.UNLocode
}

// ErrUnknown is returned for a voyage that does not exist.
var ErrUnknown = errors.New("unknown voyage")

// Repository provides access to the voyages. Implementations are safe for
// concurrent use.
type Repository interface {
	// Find returns the voyage number, or an error wrapping ErrUnknown.
	Find(number Number) (Voyage, error)
	// FindAll returns every voyage, ordered by number.
	FindAll() []Voyage
}

// Samples returns the sample voyages, which connect the sample locations
// into one network, with a route from every location to every other one:
// Asia to America, America to Europe, around the Baltic and back, Chicago
// back to New York, and back to Asia through Australia.
func Samples() []Voyage {
	route := func(n Number, ports ...location.UNLocode) Voyage {
		v := Voyage{Number: n}
		for i := 1; i < len(ports); i++ {
			v.Movements = append(v.Movements, CarrierMovement{ports[i-1], ports[i]})
		}
		return v
	}
	return []Voyage{
		route("V100", location.CNHKG, location.JNTKO, location.USNYC),
		route("V200", location.USNYC, location.USCHI),
		route("V300", location.USNYC, location.NLRTM, location.DEHAM),
		route("V400", location.DEHAM, location.SESTO, location.FIHEL),
		route("V500", location.DEHAM, location.AUMEL, location.CNHKG),
		route("V600", location.FIHEL, location.SESTO, location.DEHAM),
		route("V700", location.USCHI, location.USNYC),
	}
}
