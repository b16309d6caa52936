package sd_test

import (
	"context"
	"fmt"
	"io"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
)

func ExampleNewEndpointer() {
	instancer := sd.FixedInstancer{"10.0.0.2:8080", "10.0.0.1:8080"}
	factory := func(instance string) (endpoint.Endpoint, io.Closer, error) {
		return func(context.Context, any) (any, error) {
			return "answered by " + instance, nil
		}, nil, nil
	}
	endpointer := sd.NewEndpointer(instancer, factory, log.NewNopLogger())
	defer endpointer.Close()

	endpoints, err := endpointer.Endpoints()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range endpoints {
		fmt.Println(e(context.Background(), nil))
	}
	// Output:
	// answered by 10.0.0.1:8080 <nil>
	// answered by 10.0.0.2:8080 <nil>
}

func ExampleFixedInstancer() {
	instancer := sd.FixedInstancer{"10.0.0.1:8080"}
	ch := make(chan sd.Event, 1)
	instancer.Register(ch) // the current state arrives before Register returns
	defer instancer.Deregister(ch)
	ev := <-ch
	fmt.Println(ev.Instances, ev.Err)
	// Output:
	// [10.0.0.1:8080] <nil>
}
