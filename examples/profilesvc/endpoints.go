package profilesvc

import (
	"context"

	"github.com/seedkit/kit/endpoint"
)

// Endpoints collects one endpoint per method of Service. Built by
// MakeServerEndpoints it wraps a Service; built by MakeClientEndpoints it
// calls a remote instance. Either way it implements Service itself.
//
// Business errors (ErrNotFound and the others) are returned inside the
// responses, which implement endpoint.Failer, not as the endpoints' errors:
// an endpoint error means the call itself failed (network, decoding), which
// is what load balancers, retries and circuit breakers should react to.
type Endpoints struct {
	PostProfileEndpoint   endpoint.Endpoint
	GetProfileEndpoint    endpoint.Endpoint
	PutProfileEndpoint    endpoint.Endpoint
	PatchProfileEndpoint  endpoint.Endpoint
	DeleteProfileEndpoint endpoint.Endpoint
	GetAddressesEndpoint  endpoint.Endpoint
	GetAddressEndpoint    endpoint.Endpoint
	PostAddressEndpoint   endpoint.Endpoint
	DeleteAddressEndpoint endpoint.Endpoint
}

var _ Service = Endpoints{}

// MakeServerEndpoints returns the endpoints of s.
func MakeServerEndpoints(s Service) Endpoints {
	return Endpoints{
		PostProfileEndpoint: endpoint.Typed[postProfileRequest, errResponse](
			func(ctx context.Context, req postProfileRequest) (errResponse, error) {
				return errResponse{Err: s.PostProfile(ctx, req.Profile)}, nil
			}).Endpoint(),
		GetProfileEndpoint: endpoint.Typed[getProfileRequest, profileResponse](
			func(ctx context.Context, req getProfileRequest) (profileResponse, error) {
				p, err := s.GetProfile(ctx, req.ID)
				return profileResponse{Profile: p, Err: err}, nil
			}).Endpoint(),
		PutProfileEndpoint: endpoint.Typed[putProfileRequest, errResponse](
			func(ctx context.Context, req putProfileRequest) (errResponse, error) {
				return errResponse{Err: s.PutProfile(ctx, req.ID, req.Profile)}, nil
			}).Endpoint(),
		PatchProfileEndpoint: endpoint.Typed[patchProfileRequest, errResponse](
			func(ctx context.Context, req patchProfileRequest) (errResponse, error) {
				return errResponse{Err: s.PatchProfile(ctx, req.ID, req.Profile)}, nil
			}).Endpoint(),
		DeleteProfileEndpoint: endpoint.Typed[deleteProfileRequest, errResponse](
			func(ctx context.Context, req deleteProfileRequest) (errResponse, error) {
				return errResponse{Err: s.DeleteProfile(ctx, req.ID)}, nil
			}).Endpoint(),
		GetAddressesEndpoint: endpoint.Typed[getAddressesRequest, addressesResponse](
			func(ctx context.Context, req getAddressesRequest) (addressesResponse, error) {
				as, err := s.GetAddresses(ctx, req.ProfileID)
				return addressesResponse{Addresses: as, Err: err}, nil
			}).Endpoint(),
		GetAddressEndpoint: endpoint.Typed[getAddressRequest, addressResponse](
			func(ctx context.Context, req getAddressRequest) (addressResponse, error) {
				a, err := s.GetAddress(ctx, req.ProfileID, req.AddressID)
				return addressResponse{Address: a, Err: err}, nil
			}).Endpoint(),
		PostAddressEndpoint: endpoint.Typed[postAddressRequest, errResponse](
			func(ctx context.Context, req postAddressRequest) (errResponse, error) {
				return errResponse{Err: s.PostAddress(ctx, req.ProfileID, req.Address)}, nil
			}).Endpoint(),
		DeleteAddressEndpoint: endpoint.Typed[deleteAddressRequest, errResponse](
			func(ctx context.Context, req deleteAddressRequest) (errResponse, error) {
				return errResponse{Err: s.DeleteAddress(ctx, req.ProfileID, req.AddressID)}, nil
			}).Endpoint(),
	}
}

// call invokes e with req and returns its typed response, folding the
// response's business error into the returned error.
func call[Req any, Resp endpoint.Failer](ctx context.Context, e endpoint.Endpoint, req Req) (Resp, error) {
	resp, err := endpoint.FromEndpoint[Req, Resp](e)(ctx, req)
	if err != nil {
		return resp, err
	}
	return resp, resp.Failed()
}

// PostProfile implements Service by calling e.PostProfileEndpoint.
func (e Endpoints) PostProfile(ctx context.Context, p Profile) error {
	_, err := call[postProfileRequest, errResponse](ctx, e.PostProfileEndpoint, postProfileRequest{Profile: p})
	return err
}

// GetProfile implements Service by calling e.GetProfileEndpoint.
func (e Endpoints) GetProfile(ctx context.Context, id string) (Profile, error) {
	resp, err := call[getProfileRequest, profileResponse](ctx, e.GetProfileEndpoint, getProfileRequest{ID: id})
	if err != nil {
		return Profile{}, err
	}
	return resp.Profile, nil
}

// PutProfile implements Service by calling e.PutProfileEndpoint.
func (e Endpoints) PutProfile(ctx context.Context, id string, p Profile) error {
	_, err := call[putProfileRequest, errResponse](ctx, e.PutProfileEndpoint, putProfileRequest{ID: id, Profile: p})
	return err
}

// PatchProfile implements Service by calling e.PatchProfileEndpoint.
func (e Endpoints) PatchProfile(ctx context.Context, id string, p Profile) error {
	_, err := call[patchProfileRequest, errResponse](ctx, e.PatchProfileEndpoint, patchProfileRequest{ID: id, Profile: p})
	return err
}

// DeleteProfile implements Service by calling e.DeleteProfileEndpoint.
func (e Endpoints) DeleteProfile(ctx context.Context, id string) error {
	_, err := call[deleteProfileRequest, errResponse](ctx, e.DeleteProfileEndpoint, deleteProfileRequest{ID: id})
	return err
}

// GetAddresses implements Service by calling e.GetAddressesEndpoint.
func (e Endpoints) GetAddresses(ctx context.Context, profileID string) ([]Address, error) {
	resp, err := call[getAddressesRequest, addressesResponse](ctx, e.GetAddressesEndpoint, getAddressesRequest{ProfileID: profileID})
	if err != nil {
		return nil, err
	}
	return resp.Addresses, nil
}

// GetAddress implements Service by calling e.GetAddressEndpoint.
func (e Endpoints) GetAddress(ctx context.Context, profileID string, addressID string) (Address, error) {
	resp, err := call[getAddressRequest, addressResponse](ctx, e.GetAddressEndpoint, getAddressRequest{ProfileID: profileID, AddressID: addressID})
	if err != nil {
		return Address{}, err
	}
	return resp.Address, nil
}

// PostAddress implements Service by calling e.PostAddressEndpoint.
func (e Endpoints) PostAddress(ctx context.Context, profileID string, a Address) error {
	_, err := call[postAddressRequest, errResponse](ctx, e.PostAddressEndpoint, postAddressRequest{ProfileID: profileID, Address: a})
	return err
}

// DeleteAddress implements Service by calling e.DeleteAddressEndpoint.
func (e Endpoints) DeleteAddress(ctx context.Context, profileID string, addressID string) error {
	_, err := call[deleteAddressRequest, errResponse](ctx, e.DeleteAddressEndpoint, deleteAddressRequest{ProfileID: profileID, AddressID: addressID})
	return err
}

// The requests. Each knows where it goes on the wire (route): the path
// segments after the instance's base URL, and the JSON body if any.
type (
	postProfileRequest struct{ Profile Profile }
	getProfileRequest  struct{ ID string }
	putProfileRequest  struct {
		ID      string
		Profile Profile
	}
	patchProfileRequest struct {
		ID      string
		Profile Profile
	}
	deleteProfileRequest struct{ ID string }
	getAddressesRequest  struct{ ProfileID string }
	getAddressRequest    struct{ ProfileID, AddressID string }
	postAddressRequest   struct {
		ProfileID string
		Address   Address
	}
	deleteAddressRequest struct{ ProfileID, AddressID string }
)

func (r postProfileRequest) route() ([]string, any)  { return []string{"profiles"}, r.Profile }
func (r getProfileRequest) route() ([]string, any)   { return []string{"profiles", r.ID}, nil }
func (r putProfileRequest) route() ([]string, any)   { return []string{"profiles", r.ID}, r.Profile }
func (r patchProfileRequest) route() ([]string, any) { return []string{"profiles", r.ID}, r.Profile }
func (r deleteProfileRequest) route() ([]string, any) {
	return []string{"profiles", r.ID}, nil
}
func (r getAddressesRequest) route() ([]string, any) {
	return []string{"profiles", r.ProfileID, "addresses"}, nil
}
func (r getAddressRequest) route() ([]string, any) {
	return []string{"profiles", r.ProfileID, "addresses", r.AddressID}, nil
}
func (r postAddressRequest) route() ([]string, any) {
	return []string{"profiles", r.ProfileID, "addresses"}, r.Address
}
func (r deleteAddressRequest) route() ([]string, any) {
	return []string{"profiles", r.ProfileID, "addresses", r.AddressID}, nil
}

// The responses. Err is the business error; it is carried by the HTTP
// status and error body, not by the JSON of the response.
type (
	errResponse struct {
		Err error `json:"-"`
	}
	profileResponse struct {
		Profile Profile `json:"profile"`
		Err     error   `json:"-"`
	}
	addressesResponse struct {
		Addresses []Address `json:"addresses"`
		Err       error     `json:"-"`
	}
	addressResponse struct {
		Address Address `json:"address"`
		Err     error   `json:"-"`
	}
)

func (r errResponse) Failed() error       { return r.Err }
func (r profileResponse) Failed() error   { return r.Err }
func (r addressesResponse) Failed() error { return r.Err }
func (r addressResponse) Failed() error   { return r.Err }

func (r *errResponse) setErr(err error)       { r.Err = err }
func (r *profileResponse) setErr(err error)   { r.Err = err }
func (r *addressesResponse) setErr(err error) { r.Err = err }
func (r *addressResponse) setErr(err error)   { r.Err = err }
