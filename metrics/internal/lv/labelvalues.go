package lv

import (
	"errors"
	"fmt"
)

// Unknown is the value given to a trailing label name that was passed
// without a value.
const Unknown = "unknown"

// ErrOddLabelValues is the error Validate wraps when a label list has a name
// without a value.
var ErrOddLabelValues = errors.New("lv: odd number of label values")

// LabelValues is a list of alternating label names and values, such as
// {"method", "GET", "code", "200"}. Treat a LabelValues as immutable: With
// returns a new list and may share the receiver's backing array only when it
// adds nothing.
type LabelValues []string

// With returns the receiver followed by labelValues. If labelValues has an
// odd length, its last element is a name without a value and is paired with
// Unknown, so the result always has an even length when the receiver does.
// The receiver is never modified, so With may be called concurrently on the
// same LabelValues, and children of one parent never see each other's labels.
func (lvs LabelValues) With(labelValues ...string) LabelValues {
	if len(labelValues) == 0 {
		return lvs
	}
	n := len(lvs) + len(labelValues) + len(labelValues)%2
	out := make(LabelValues, 0, n)
	out = append(out, lvs...)
	out = append(out, labelValues...)
	if len(labelValues)%2 != 0 {
		out = append(out, Unknown)
	}
	return out
}

// Validate returns nil if labelValues holds complete name/value pairs, and
// otherwise an error wrapping ErrOddLabelValues that names the label left
// without a value. It is the check behind the padding rule of
// LabelValues.With, for callers that want to reject such lists.
func Validate(labelValues ...string) error {
	if len(labelValues)%2 == 0 {
		return nil
	}
	return fmt.Errorf("%w: label %q has no value (it would get %q)",
		ErrOddLabelValues, labelValues[len(labelValues)-1], Unknown)
}
