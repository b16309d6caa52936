//go:build !windows

package term

import "io"

// NewColorWriter returns a writer that renders the ANSI colour escapes
// written by NewColorLogger on w. Terminals outside Windows understand the
// escapes natively, so it returns w itself. On Windows it turns on the
// console's virtual-terminal processing when w is a console, so that the
// escapes are rendered rather than printed, and returns w; where the console
// does not support that (before Windows 10), escapes are printed as they are.
func NewColorWriter(w io.Writer) io.Writer {
	return w
}
