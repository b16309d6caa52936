package bench_test

import (
	"testing"

	"github.com/seedkit/kit/bench"
)

func BenchmarkAll(b *testing.B) {
	for _, g := range bench.Groups() {
		b.Run(g.Name, func(b *testing.B) {
			for _, c := range g.Cases {
				b.Run(c.Name, c.Fn)
			}
		})
	}
}
