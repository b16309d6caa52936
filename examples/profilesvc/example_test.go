package profilesvc_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"

	"github.com/seedkit/kit/examples/profilesvc"
)

// A client built with MakeClientEndpoints is a profilesvc.Service; the
// server's errors come back as the package's sentinels.
func Example() {
	srv := httptest.NewServer(profilesvc.MakeHTTPHandler(profilesvc.NewInmemService(), nil))
	defer srv.Close()
	var svc profilesvc.Service
	svc, err := profilesvc.MakeClientEndpoints(srv.URL)
	if err != nil {
		fmt.Println(err)
		return
	}

	ctx := context.Background()
	_ = svc.PostProfile(ctx, profilesvc.Profile{ID: "ada", Name: "Ada Lovelace"})
	_ = svc.PostAddress(ctx, "ada", profilesvc.Address{ID: "home", Location: "London"})
	p, err := svc.GetProfile(ctx, "ada")
	fmt.Println(p.Name, p.Addresses, err)

	err = svc.PostProfile(ctx, profilesvc.Profile{ID: "ada"})
	fmt.Println(errors.Is(err, profilesvc.ErrAlreadyExists), err)
	_, err = svc.GetAddress(ctx, "ada", "work")
	fmt.Println(errors.Is(err, profilesvc.ErrNotFound), err)
	// Output:
	// Ada Lovelace [{home London}] <nil>
	// true profile "ada": already exists
	// true address "work" of profile "ada": not found
}
