package term

import (
	"io"
	"syscall"
)

// enableVirtualTerminalProcessing is the console mode flag that makes a
// Windows console interpret ANSI escape sequences.
const enableVirtualTerminalProcessing = 0x0004

// NewColorWriter returns a writer that renders the ANSI colour escapes
// written by NewColorLogger on w. It turns on the console's
// virtual-terminal processing when w is a console, so that the escapes are
// rendered rather than printed, and returns w; where the console does not
// support that (before Windows 10), escapes are printed as they are.
// Outside Windows it returns w itself.
func NewColorWriter(w io.Writer) io.Writer {
	f, ok := w.(fder)
	if !ok {
		return w
	}
	h := syscall.Handle(f.Fd())
	var mode uint32
	if syscall.GetConsoleMode(h, &mode) != nil || mode&enableVirtualTerminalProcessing != 0 {
		return w
	}
	setConsoleMode := syscall.NewLazyDLL("kernel32.dll").NewProc("SetConsoleMode")
	if setConsoleMode.Find() == nil {
		// Failure leaves the console as it was: escapes show up verbatim.
		_, _, _ = setConsoleMode.Call(uintptr(h), uintptr(mode|enableVirtualTerminalProcessing))
	}
	return w
}
