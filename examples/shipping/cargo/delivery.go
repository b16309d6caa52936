package cargo

import (
	"time"

	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/voyage"
)

// TransportStatus is where a cargo is, broadly.
type TransportStatus int

// The transport statuses.
const (
	NotReceived TransportStatus = iota
	InPort
	OnboardCarrier
	Claimed
)

func (s TransportStatus) String() string {
	switch s {
	case NotReceived:
		return "Not received"
	case InPort:
		return "In port"
	case OnboardCarrier:
		return "Onboard carrier"
	case Claimed:
		return "Claimed"
	}
	return "Unknown"
}

// RoutingStatus tells whether a cargo's itinerary fits its route
// specification.
type RoutingStatus int

// The routing statuses.
const (
	NotRouted RoutingStatus = iota
	Routed
	Misrouted
)

func (s RoutingStatus) String() string {
	switch s {
	case NotRouted:
		return "Not routed"
	case Routed:
		return "Routed"
	case Misrouted:
		return "Misrouted"
	}
	return "Unknown"
}

// Delivery is the progress of a cargo, derived from its route
// specification, its itinerary and its handling history.
type Delivery struct {
	TransportStatus         TransportStatus
	RoutingStatus           RoutingStatus
	LastEvent               HandlingEvent // Type NotHandled if none
	LastKnownLocation       location.UNLocode
	CurrentVoyage           voyage.Number
	IsMisdirected           bool
	IsUnloadedAtDestination bool
	ETA                     time.Time        // zero when not on track
	NextExpectedActivity    HandlingActivity // Type NotHandled if none
}

// DeriveDelivery computes the delivery of a cargo. history is in the order
// the events happened; its last event is the cargo's current state.
func DeriveDelivery(rs RouteSpecification, it Itinerary, history []HandlingEvent) Delivery {
	var d Delivery
	switch {
	case len(it.Legs) == 0:
		d.RoutingStatus = NotRouted
	case rs.IsSatisfiedBy(it):
		d.RoutingStatus = Routed
	default:
		d.RoutingStatus = Misrouted
	}
	if len(history) > 0 {
		d.LastEvent = history[len(history)-1]
	}
	last := d.LastEvent.Activity
	switch last.Type {
	case NotHandled:
		d.TransportStatus = NotReceived
	case Load:
		d.TransportStatus = OnboardCarrier
		d.CurrentVoyage = last.VoyageNumber
	case Claim:
		d.TransportStatus = Claimed
	default:
		d.TransportStatus = InPort
	}
	d.LastKnownLocation = last.Location
	d.IsMisdirected = last.Type != NotHandled && !it.IsExpected(d.LastEvent)
	d.IsUnloadedAtDestination = last.Type == Unload && last.Location == rs.Destination
	if d.RoutingStatus == Routed && !d.IsMisdirected {
		d.ETA = it.FinalArrivalTime()
		d.NextExpectedActivity = nextActivity(it, last)
	}
	return d
}

// nextActivity is what should happen after last on itinerary it.
func nextActivity(it Itinerary, last HandlingActivity) HandlingActivity {
	legs := it.Legs
	switch last.Type {
	case NotHandled:
		return HandlingActivity{Type: Receive, Location: legs[0].LoadLocation}
	case Receive:
		return HandlingActivity{Type: Load, Location: legs[0].LoadLocation, VoyageNumber: legs[0].VoyageNumber}
	case Load:
		for _, l := range legs {
			if l.LoadLocation == last.Location && l.VoyageNumber == last.VoyageNumber {
				return HandlingActivity{Type: Unload, Location: l.UnloadLocation, VoyageNumber: l.VoyageNumber}
			}
		}
	case Unload:
		for i, l := range legs {
			if l.UnloadLocation != last.Location || l.VoyageNumber != last.VoyageNumber {
				continue
			}
			if i == len(legs)-1 {
				return HandlingActivity{Type: Claim, Location: l.UnloadLocation}
			}
			next := legs[i+1]
			return HandlingActivity{Type: Load, Location: next.LoadLocation, VoyageNumber: next.VoyageNumber}
		}
	}
	return HandlingActivity{}
}

// Repository stores cargos. Implementations are safe for concurrent use,
// and never share memory with their callers.
type Repository interface {
	// Store adds c, or replaces the cargo with its tracking ID.
	Store(c Cargo) error
	// Find returns the cargo id, or an error wrapping ErrUnknown.
	Find(id TrackingID) (Cargo, error)
	// FindAll returns every cargo, ordered by tracking ID.
	FindAll() []Cargo
	// Update applies fn to the cargo id and stores the result if fn
	// returns nil, atomically with respect to the other methods. It
	// returns an error wrapping ErrUnknown if there is no such cargo,
	// or fn's error.
	Update(id TrackingID, fn func(*Cargo) error) error
}
