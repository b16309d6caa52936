package addtransport

import (
	"context"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addendpoint"
	"github.com/seedkit/kit/examples/addsvc/pkg/addservice"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
	natstransport "github.com/seedkit/kit/transport/nats"
)

// DefaultNATSSubject is the subject prefix addsvc serves on: requests go to
// "<prefix>.sum" and "<prefix>.concat".
const DefaultNATSSubject = "addsvc"

// natsReply is a reply on the wire: the value, or a business error's text.
type natsReply[V any] struct {
	V   V      `json:"v"`
	Err string `json:"err,omitempty"`
}

// ServeNATS subscribes the endpoints to prefix.sum and prefix.concat on nc,
// in the queue group "addsvc" so that several instances share the load.
// Requests are JSON {"a": ..., "b": ...}; replies are {"v": ...} or, for
// business errors, {"err": "..."}. Undecodable requests get an error reply
// (see natstransport.DefaultErrorEncoder). The returned function
// unsubscribes; closing nc also does.
// options are added to both subscribers after addsvc's own.
func ServeNATS(nc *nats.Conn, prefix string, endpoints addendpoint.Set, logger log.Logger, options ...natstransport.SubscriberOption) (unsubscribe func() error, err error) {
	opts := append([]natstransport.SubscriberOption{
		natstransport.SubscriberErrorHandler(transport.NewLogErrorHandler(logger)),
	}, options...)
	sum := natstransport.NewSubscriber(endpoints.SumEndpoint,
		natstransport.DecodeJSONRequest[addendpoint.SumRequest], encodeNATSReply, opts...)
	concat := natstransport.NewSubscriber(endpoints.ConcatEndpoint,
		natstransport.DecodeJSONRequest[addendpoint.ConcatRequest], encodeNATSReply, opts...)
	var subs []*nats.Subscription
	unsubscribe = func() error {
		var errs []error
		for _, s := range subs {
			errs = append(errs, s.Unsubscribe())
		}
		return errors.Join(errs...)
	}
	for subject, s := range map[string]*natstransport.Subscriber{prefix + ".sum": sum, prefix + ".concat": concat} {
		sub, err := nc.QueueSubscribe(subject, "addsvc", s.ServeMsg(nc))
		if err != nil {
			_ = unsubscribe()
			return nil, fmt.Errorf("addsvc: subscribe %s: %w", subject, err)
		}
		subs = append(subs, sub)
	}
	return unsubscribe, nil
}

func encodeNATSReply(ctx context.Context, reply string, nc *nats.Conn, response any) error {
	var wire any
	switch r := response.(type) {
	case addendpoint.SumResponse:
		wire = natsReply[int]{V: r.V, Err: errString(r.Err)}
	case addendpoint.ConcatResponse:
		wire = natsReply[string]{V: r.V, Err: errString(r.Err)}
	default:
		return fmt.Errorf("addsvc: unexpected response type %T", response)
	}
	return natstransport.EncodeJSONResponse(ctx, reply, nc, wire)
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// NewNATSClient returns a Service whose calls are NATS requests to an addsvc
// serving on prefix (DefaultNATSSubject unless changed) over nc. Business
// errors come back as addservice's sentinels; an error reply as a
// *natstransport.ReplyError; no subscriber as nats.ErrNoResponders.
func NewNATSClient(nc *nats.Conn, prefix string) addservice.Service {
	return addendpoint.Set{
		SumEndpoint: natsEndpoint(nc, prefix+".sum", func(r natsReply[int], err error) any {
			return addendpoint.SumResponse{V: r.V, Err: err}
		}),
		ConcatEndpoint: natsEndpoint(nc, prefix+".concat", func(r natsReply[string], err error) any {
			return addendpoint.ConcatResponse{V: r.V, Err: err}
		}),
	}
}

func natsEndpoint[V any](nc *nats.Conn, subject string, toResponse func(natsReply[V], error) any) endpoint.Endpoint {
	decode := func(ctx context.Context, msg *nats.Msg) (any, error) {
		v, err := natstransport.DecodeJSONResponse[natsReply[V]](ctx, msg)
		if err != nil {
			return nil, err
		}
		r := v.(natsReply[V])
		if r.Err == "" {
			return toResponse(r, nil), nil
		}
		berr := errorFromMessage(r.Err)
		if !addservice.IsBusinessError(berr) {
			return nil, berr
		}
		return toResponse(r, berr), nil
	}
	return natstransport.NewPublisher(nc, subject, natstransport.EncodeJSONRequest, decode).Endpoint()
}
