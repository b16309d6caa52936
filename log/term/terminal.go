package term

import (
	"io"
	"syscall"
)

// fder is implemented by *os.File and other writers that expose a file
// descriptor or handle.
type fder interface {
	Fd() uintptr
}

// IsTerminal reports whether w is connected to a terminal. It recognises
// writers that expose their descriptor through SyscallConn (as *os.File
// does, without switching the file to blocking mode) or an Fd method;
// anything else, such as a bytes.Buffer or a network connection, is not a
// terminal.
//
// On Linux, macOS, FreeBSD, NetBSD and DragonFly BSD the answer comes from a
// terminal-attributes ioctl; on Windows from GetConsoleMode, so MSYS2 and
// Cygwin pseudo-terminals report false; on every other system IsTerminal
// reports false. It is safe for concurrent use.
func IsTerminal(w io.Writer) bool {
	if sc, ok := w.(syscall.Conn); ok {
		rc, err := sc.SyscallConn()
		if err != nil {
			return false
		}
		var is bool
		if err := rc.Control(func(fd uintptr) { is = isTerminalFd(fd) }); err != nil {
			return false
		}
		return is
	}
	if f, ok := w.(fder); ok {
		return isTerminalFd(f.Fd())
	}
	return false
}
