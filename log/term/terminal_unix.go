//go:build linux || darwin || freebsd || netbsd || dragonfly

package term

import (
	"syscall"
	"unsafe"
)

// isTerminalFd asks the kernel for the terminal attributes of fd, which only
// a terminal has.
func isTerminalFd(fd uintptr) bool {
	var t syscall.Termios
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, fd, ioctlReadTermios, uintptr(unsafe.Pointer(&t)))
	return errno == 0
}
