// Package location is the locations of the shipping example: ports,
// identified by their UN/LOCODE, and a few samples.
package location

import "errors"

// UNLocode is a United Nations location code, such as "SESTO" for
// Stockholm.
type UNLocode string

// Location is a port where cargo is handled.
type Location struct {
	UNLocode UNLocode
	Name     string
}

// ErrUnknown is returned for a location that does not exist.
var ErrUnknown = errors.New("unknown location")

// Repository provides access to the locations. Implementations are safe
// for concurrent use.
type Repository interface {
	// Find returns the location code, or an error wrapping ErrUnknown.
	Find(code UNLocode) (Location, error)
	// FindAll returns every location, ordered by code.
	FindAll() []Location
}

// The sample locations.
const (
	SESTO UNLocode = "SESTO"
	AUMEL UNLocode = "AUMEL"
	CNHKG UNLocode = "CNHKG"
	USNYC UNLocode = "USNYC"
	USCHI UNLocode = "USCHI"
	JNTKO UNLocode = "JNTKO"
	DEHAM UNLocode = "DEHAM"
	NLRTM UNLocode = "NLRTM"
	FIHEL UNLocode = "FIHEL"
)

// Samples returns the sample locations.
func Samples() []Location {
	return []Location{
		{SESTO, "Stockholm"},
		{AUMEL, "Melbourne"},
		{CNHKG, "Hongkong"},
		{USNYC, "New York"},
		{USCHI, "Chicago"},
		{JNTKO, "Tokyo"},
		{DEHAM, "Hamburg"},
		{NLRTM, "Rotterdam"},
		{FIHEL, "Helsinki"},
	}
}
