// Command ratios runs every benchmark group of package bench in one process
// and prints, per group, each contender's time and allocations and its ratio
// to the group's baseline.
//
// Usage: go run ./cmd/ratios [-benchtime 1s] [-count 3] [-run regexp]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"testing"
	"text/tabwriter"

	"github.com/seedkit/kit/bench"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(1)
	}
}

type result struct {
	ns, bytes, allocs float64
}

func run(args []string, stdout io.Writer) error {
	testing.Init()
	fs := flag.NewFlagSet("ratios", flag.ContinueOnError)
	benchtime := fs.String("benchtime", "1s", "time (or Nx) per benchmark, as go test -benchtime")
	count := fs.Int("count", 5, "runs per case, round robin over the cases; the fastest is reported")
	match := fs.String("run", "", "only groups whose name matches this regexp")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := flag.Set("test.benchtime", *benchtime); err != nil {
		return err
	}
	re, err := regexp.Compile(*match)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "group / case\tns/op\tB/op\tallocs/op\tratio")
	for _, g := range bench.Groups() {
		if !re.MatchString(g.Name) {
			continue
		}
		fmt.Fprintf(tw, "%s\t\t\t\t\n  target: %s\t\t\t\t\n", g.Name, g.Target)
		// Round robin over the cases, keeping each case's fastest run, so
		// that a slow spell of a shared machine hits every case alike.
		results := map[string]result{}
		for i := 0; i < *count; i++ {
			for _, c := range g.Cases {
				results[c.Name] = faster(results[c.Name], measure(c.Fn))
			}
		}
		base := results[g.Baseline]
		for _, c := range g.Cases {
			r := results[c.Name]
			ratio := "-"
			if base.ns > 0 {
				ratio = fmt.Sprintf("%.2fx", r.ns/base.ns)
			}
			fmt.Fprintf(tw, "    %s\t%.1f\t%.0f\t%.0f\t%s\n", c.Name, r.ns, r.bytes, r.allocs, ratio)
		}
	}
	return tw.Flush()
}

// measure runs fn as a benchmark once.
func measure(fn func(*testing.B)) result {
	r := testing.Benchmark(fn)
	if r.N == 0 {
		return result{}
	}
	return result{
		ns:     float64(r.T.Nanoseconds()) / float64(r.N),
		bytes:  float64(r.AllocedBytesPerOp()),
		allocs: float64(r.AllocsPerOp()),
	}
}

// faster returns the faster of two runs: on a shared machine the minimum is
// the least disturbed measurement. A zero result (no run) loses.
func faster(a, b result) result {
	if a.ns == 0 || (b.ns != 0 && b.ns < a.ns) {
		return b
	}
	return a
}
