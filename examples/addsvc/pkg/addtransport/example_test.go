package addtransport_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/examples/addsvc/pkg/addtransport"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/metrics/discard"
)

func Example() {
	set := addendpoint.New(addservice.NewBasicService(), log.NewNopLogger(), discard.NewHistogram())
	srv := httptest.NewServer(addtransport.NewHTTPHandler(set, log.NewNopLogger()))
	defer srv.Close()

	svc, err := addtransport.NewHTTPClient(srv.URL, srv.Client())
	if err != nil {
		fmt.Println(err)
		return
	}
	v, err := svc.Sum(context.Background(), 2, 3)
	fmt.Println(v, err)
	_, err = svc.Concat(context.Background(), "far too long", "!")
	fmt.Println(err == addservice.ErrMaxSizeExceeded)
	srv.Client().CloseIdleConnections()
	// Output:
	// 5 <nil>
	// true
}
