//go:build !(linux || darwin || freebsd || netbsd || dragonfly || windows)

package term

// isTerminalFd reports false: there is no portable terminal check on this
// system without extra dependencies.
func isTerminalFd(uintptr) bool { return false }
