package addendpoint_test

import (
	"context"
	"fmt"

	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics/discard"
)

func Example() {
	set := addendpoint.New(addservice.NewBasicService(), log.NewNopLogger(), discard.NewHistogram())

	// A Set is a bag of endpoints...
	resp, err := set.SumEndpoint(context.Background(), addendpoint.SumRequest{A: 2, B: 3})
	fmt.Printf("%+v %v\n", resp, err)

	// ...and also a Service: clients wrap transport endpoints in a Set.
	v, err := set.Concat(context.Background(), "kit", "!")
	fmt.Println(v, err)
	// Output:
	// {V:5 Err:<nil>} <nil>
	// kit! <nil>
}
