// Package leakcheck reports goroutines that a test left running. It is a
// small, dependency-free stand-in for go.uber.org/goleak, used by kit's own
// tests only.
//
// Use it from TestMain, so that every test of a package is covered:
//
//	func TestMain(m *testing.M) { leakcheck.Main(m) }
//
// or per test, with leakcheck.Check(t) as the first statement.
package leakcheck
