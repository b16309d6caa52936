package prometheus_test

import (
	"fmt"

	stdprometheus "github.com/prometheus/client_golang/prometheus"

	"github.com/seedkit/kit/metrics/prometheus"
)

func Example() {
	reg := stdprometheus.NewRegistry()
	requests, err := prometheus.NewCounterIn(reg, stdprometheus.CounterOpts{
		Name: "requests_total",
		Help: "Requests served.",
	}, []string{"method", "code"})
	if err != nil {
		fmt.Println(err)
		return
	}
	ok := requests.With("method", "GET", "code", "200") // resolved at the first Add
	ok.Add(1)
	ok.Add(2)
	requests.With("code", "500", "method", "GET").Add(1) // any pair order

	families, _ := reg.Gather()
	for _, m := range families[0].GetMetric() {
		fmt.Println(m.GetLabel()[0].GetValue(), m.GetLabel()[1].GetValue(), m.GetCounter().GetValue())
	}
	// Output:
	// 200 GET 3
	// 500 GET 1
}

func ExampleCounter_Err() {
	reg := stdprometheus.NewRegistry()
	c, _ := prometheus.NewCounterIn(reg, stdprometheus.CounterOpts{Name: "c", Help: "c"}, []string{"code"})
	bad := c.With("cdoe", "200") // misspelt: Go kit panics at Add
	bad.Add(1)                   // dropped
	fmt.Println(bad.(*prometheus.Counter).Err() != nil)
	// Output: true
}
