package leakcheck

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"
)

// settle is how long Find waits for goroutines that are on their way out.
const settle = 5 * time.Second

// ignored lists functions whose goroutines belong to the runtime or the
// testing package and are never a test's leak.
var ignored = []string{
	"testing.Main(",
	"testing.tRunner(",
	"testing.(*M).",
	"testing.(*T).Run(",
	"testing.(*T).Parallel(",
	"testing.runFuzzing(",
	"testing.runFuzzTests(",
	"runtime.goexit",
	"created by runtime.gc",
	"created by runtime/trace",
	"runtime.MHeap_Scavenger",
	"signal.signal_recv",
	"sigterm.handler",
	"runtime_mcall",
	"(*loggingT).flushDaemon",
	"goroutine in C code",
	"runtime.ReadTrace",
}

// interesting returns the stacks of goroutines other than the caller's that
// are not on the ignore list.
func interesting(extra ...string) []string {
	buf := make([]byte, 2<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var out []string
	for i, g := range strings.Split(string(buf), "\n\n") {
		if i == 0 || g == "" { // the first one is the caller
			continue
		}
		skip := false
		for _, s := range ignored {
			if strings.Contains(g, s) {
				skip = true
				break
			}
		}
		for _, s := range extra {
			if strings.Contains(g, s) {
				skip = true
				break
			}
		}
		if !skip {
			out = append(out, g)
		}
	}
	sort.Strings(out)
	return out
}

// Find waits up to a few seconds for stray goroutines to end and returns an
// error describing those still running, or nil.
func Find(ignore ...string) error {
	deadline := time.Now().Add(settle)
	for {
		gs := interesting(ignore...)
		if len(gs) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("leakcheck: %d goroutine(s) still running:\n\n%s", len(gs), strings.Join(gs, "\n\n"))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Check registers a cleanup on t that fails the test if goroutines started
// after Check was called are still running when the test ends. Do not use it
// in parallel tests: other tests' goroutines would count as leaks; use Main.
func Check(t testing.TB) {
	t.Helper()
	before := map[string]bool{}
	for _, g := range interesting() {
		before[header(g)] = true
	}
	t.Cleanup(func() {
		deadline := time.Now().Add(settle)
		for {
			var leaked []string
			for _, g := range interesting() {
				if !before[header(g)] {
					leaked = append(leaked, g)
				}
			}
			if len(leaked) == 0 {
				return
			}
			if time.Now().After(deadline) {
				t.Errorf("leakcheck: %d goroutine(s) leaked:\n\n%s", len(leaked), strings.Join(leaked, "\n\n"))
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// header is a goroutine's first line ("goroutine 12 [running]:") without its
// state, which identifies it across snapshots.
func header(g string) string {
	line, _, _ := strings.Cut(g, "\n")
	if i := strings.Index(line, " ["); i >= 0 {
		line = line[:i]
	}
	return line
}

// Main runs the tests of m and then fails the run if any goroutine is left
// behind. It calls os.Exit and so never returns.
//
// ignore names stack substrings (for example a function name) of goroutines
// that a third-party library starts once per process and never stops, such
// as a package-level worker started in an init function. kit's own goroutines
// are never on it.
func Main(m *testing.M, ignore ...string) {
	code := m.Run()
	if code == 0 {
		if err := Find(ignore...); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}
