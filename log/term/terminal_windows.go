package term

import "syscall"

// isTerminalFd reports whether the handle is a Windows console.
func isTerminalFd(fd uintptr) bool {
	var mode uint32
	return syscall.GetConsoleMode(syscall.Handle(fd), &mode) == nil
}
