// Package cargo is the core domain model of the shipping example: a cargo,
// the route it must take (RouteSpecification), the route it was assigned
// (Itinerary), the handling events that happen to it, and the delivery
// progress derived from them.
//
// The model knows nothing of kit: the bounded contexts (booking, handling,
// tracking) put services, endpoints and transports around it.
package cargo

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/voyage"
)

// TrackingID identifies a cargo.
type TrackingID string

// NextTrackingID returns a new random tracking ID, 12 upper-case hex digits.
func NextTrackingID() TrackingID {
	b := make([]byte, 6)
	_, _ = rand.Read(b) // never fails (crypto/rand, Go 1.24+)
	return TrackingID(strings.ToUpper(hex.EncodeToString(b)))
}

// ErrUnknown is returned for a cargo that does not exist.
var ErrUnknown = errors.New("unknown cargo")

// Cargo is the central entity: something booked to be shipped from its
// origin to a destination before a deadline.
type Cargo struct {
	TrackingID         TrackingID
	Origin             location.UNLocode
	RouteSpecification RouteSpecification
	Itinerary          Itinerary
	Delivery           Delivery
}

// New returns a cargo booked with rs, not yet routed nor received.
func New(id TrackingID, rs RouteSpecification) Cargo {
	c := Cargo{TrackingID: id, Origin: rs.Origin, RouteSpecification: rs}
	c.Delivery = DeriveDelivery(rs, Itinerary{}, nil)
	return c
}

// SpecifyNewRoute changes the route specification, and so possibly the
// routing status, given the cargo's handling history.
func (c *Cargo) SpecifyNewRoute(rs RouteSpecification, history []HandlingEvent) {
	c.RouteSpecification = rs
	c.Delivery = DeriveDelivery(rs, c.Itinerary, history)
}

// AssignToRoute attaches an itinerary to the cargo.
func (c *Cargo) AssignToRoute(it Itinerary, history []HandlingEvent) {
	c.Itinerary = it
	c.Delivery = DeriveDelivery(c.RouteSpecification, it, history)
}

// DeriveDeliveryProgress brings the delivery up to date with history.
func (c *Cargo) DeriveDeliveryProgress(history []HandlingEvent) {
	c.Delivery = DeriveDelivery(c.RouteSpecification, c.Itinerary, history)
}

// Clone returns a copy of c sharing no memory with it.
func (c Cargo) Clone() Cargo {
	c.Itinerary.Legs = append([]Leg(nil), c.Itinerary.Legs...)
	return c
}

// RouteSpecification is what the customer booked: where from, where to,
// and by when.
type RouteSpecification struct {
	Origin          location.UNLocode
	Destination     location.UNLocode
	ArrivalDeadline time.Time
}

// IsSatisfiedBy reports whether it goes from the origin to the destination
// of rs and arrives by the deadline.
func (rs RouteSpecification) IsSatisfiedBy(it Itinerary) bool {
	if len(it.Legs) == 0 {
		return false
	}
	first, last := it.Legs[0], it.Legs[len(it.Legs)-1]
	return first.LoadLocation == rs.Origin &&
		last.UnloadLocation == rs.Destination &&
		!last.UnloadTime.After(rs.ArrivalDeadline)
}

// Leg is one voyage of an itinerary, from a load to an unload.
type Leg struct {
	VoyageNumber   voyage.Number
	LoadLocation   location.UNLocode
	UnloadLocation location.UNLocode
	LoadTime       time.Time
	UnloadTime     time.Time
}

// Itinerary is the route assigned to a cargo: a sequence of legs.
type Itinerary struct {
	Legs []Leg
}

// FinalArrivalTime is the unload time of the last leg (zero without legs).
func (it Itinerary) FinalArrivalTime() time.Time {
	if len(it.Legs) == 0 {
		return time.Time{}
	}
	return it.Legs[len(it.Legs)-1].UnloadTime
}

// IsExpected reports whether e fits the itinerary. An empty itinerary
// expects everything.
func (it Itinerary) IsExpected(e HandlingEvent) bool {
	if len(it.Legs) == 0 {
		return true
	}
	a := e.Activity
	switch a.Type {
	case Receive:
		return it.Legs[0].LoadLocation == a.Location
	case Claim:
		return it.Legs[len(it.Legs)-1].UnloadLocation == a.Location
	case Load, Unload:
		for _, l := range it.Legs {
			if l.VoyageNumber != a.VoyageNumber {
				continue
			}
			if (a.Type == Load && l.LoadLocation == a.Location) || (a.Type == Unload && l.UnloadLocation == a.Location) {
				return true
			}
		}
		return false
	default: // Customs may happen anywhere
		return true
	}
}
