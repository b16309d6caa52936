package cargo

import (
	"fmt"
	"time"

	"github.com/seedkit/kit/examples/shipping/location"
	"github.com/seedkit/kit/examples/shipping/voyage"
)

// HandlingEventType is what happened to a cargo.
type HandlingEventType int

// The handling event types.
const (
	NotHandled HandlingEventType = iota
	Load
	Unload
	Receive
	Claim
	Customs
)

var eventTypeNames = [...]string{"NotHandled", "Load", "Unload", "Receive", "Claim", "Customs"}

func (t HandlingEventType) String() string {
	if t < 0 || int(t) >= len(eventTypeNames) {
		return fmt.Sprintf("HandlingEventType(%d)", int(t))
	}
	return eventTypeNames[t]
}

// ParseHandlingEventType returns the type named s ("Load", "Unload",
// "Receive", "Claim" or "Customs"), or an error.
func ParseHandlingEventType(s string) (HandlingEventType, error) {
	for i, name := range eventTypeNames {
		if i > 0 && name == s {
			return HandlingEventType(i), nil
		}
	}
	return NotHandled, fmt.Errorf("unknown handling event type %q", s)
}

// RequiresVoyage reports whether events of type t happen on a voyage.
func (t HandlingEventType) RequiresVoyage() bool { return t == Load || t == Unload }

// HandlingActivity is a handling of a cargo, done or expected.
type HandlingActivity struct {
	Type         HandlingEventType
	Location     location.UNLocode
	VoyageNumber voyage.Number
}

// HandlingEvent is a handling activity that happened to a cargo.
type HandlingEvent struct {
	TrackingID TrackingID
	Activity   HandlingActivity
	Completed  time.Time
}

// HandlingEventRepository stores handling events. Implementations are safe
// for concurrent use.
type HandlingEventRepository interface {
	Store(e HandlingEvent)
	// QueryHandlingHistory returns the events of the cargo id, oldest
	// first.
	QueryHandlingHistory(id TrackingID) []HandlingEvent
}
