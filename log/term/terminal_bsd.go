//go:build darwin || freebsd || netbsd || dragonfly

package term

import "syscall"

const ioctlReadTermios = syscall.TIOCGETA
