package addservice_test

import (
	"context"
	"fmt"

	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics/discard"
)

func Example() {
	svc := addservice.New(log.NewNopLogger(), discard.NewCounter(), discard.NewCounter())
	v, err := svc.Sum(context.Background(), 2, 3)
	fmt.Println(v, err)
	_, err = svc.Sum(context.Background(), 0, 0)
	fmt.Println(err)
	// Output:
	// 5 <nil>
	// can't sum two zeroes
}
