package main

import (
	"github.com/nats-io/nats.go"

	"github.com/seedkit/kit/endpoint"
	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/transport"
	natstransport "github.com/seedkit/kit/transport/nats"
)

// Subjects, after the prefix given by -subject-prefix.
const (
	uppercaseSubject = ".uppercase"
	countSubject     = ".count"
)

// subscribe serves svc on nc: one subscription per method, on the subjects
// under prefix. The subscriptions join a queue group named after prefix, so
// that the instances serving one prefix share its messages rather than each
// answering all of them. Closing or draining nc ends them.
func subscribe(nc *nats.Conn, prefix string, svc StringService, logger log.Logger) error {
	opts := []natstransport.SubscriberOption{
		natstransport.SubscriberErrorHandler(transport.NewLogErrorHandler(log.With(logger, "transport", "NATS"))),
	}
	for subject, srv := range map[string]*natstransport.Subscriber{
		prefix + uppercaseSubject: natstransport.NewSubscriber(makeUppercaseEndpoint(svc),
			natstransport.DecodeJSONRequest[uppercaseRequest], natstransport.EncodeJSONResponse, opts...),
		prefix + countSubject: natstransport.NewSubscriber(makeCountEndpoint(svc),
			natstransport.DecodeJSONRequest[countRequest], natstransport.EncodeJSONResponse, opts...),
	} {
		if _, err := nc.QueueSubscribe(subject, prefix, srv.ServeMsg(nc)); err != nil {
			return err
		}
	}
	return nil
}

// natsEndpoints are the service's methods as endpoints that call, over
// nc, whichever instance serves prefix.
type natsEndpoints struct {
	uppercase, count endpoint.Endpoint
}

func newNATSEndpoints(nc *nats.Conn, prefix string) natsEndpoints {
	return natsEndpoints{
		uppercase: natstransport.NewPublisher(nc, prefix+uppercaseSubject,
			natstransport.EncodeJSONRequest, natstransport.DecodeJSONResponse[uppercaseResponse]).Endpoint(),
		count: natstransport.NewPublisher(nc, prefix+countSubject,
			natstransport.EncodeJSONRequest, natstransport.DecodeJSONResponse[countResponse]).Endpoint(),
	}
}
