package lv_test

import (
	"fmt"

	"github.com/seedkit/kit/metrics/internal/lv"
)

func ExampleLabelValues_With() {
	base := lv.LabelValues{"method", "GET"}
	fmt.Println(base.With("code", "200"))
	fmt.Println(base.With("code")) // odd: the trailing name gets "unknown"
	fmt.Println(lv.Validate("code"))
	// Output:
	// [method GET code 200]
	// [method GET code unknown]
	// lv: odd number of label values: label "code" has no value (it would get "unknown")
}

func ExampleSpace() {
	s := lv.NewSpace()
	s.Observe("requests", lv.LabelValues{"code", "200"}, 1)
	s.Observe("requests", lv.LabelValues{"code", "500"}, 1)
	s.Observe("requests", lv.LabelValues{"code", "200"}, 1)
	s.Add("queue", nil, 3)
	s.Add("queue", nil, -1)

	// A push backend's flush: take everything recorded so far.
	s.Reset().Walk(func(name string, lvs lv.LabelValues, obs []float64) bool {
		fmt.Println(name, lvs, obs)
		return true
	})
	// Output:
	// queue [] [3 2]
	// requests [code 200] [1 1]
	// requests [code 500] [1]
}
