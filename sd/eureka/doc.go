// Package eureka connects kit to Netflix Eureka through hudl/fargo v1.4.0:
// an Instancer that follows the instances of an application, and a
// Registrar that registers one instance and keeps its lease with
// heartbeats. The API is Go kit's, including fargo's types (*fargo.Instance,
// and any connection with the methods of *fargo.EurekaConnection).
//
// Instances are reported as "ipAddr:port". The Instancer polls at the
// connection's PollInterval (fargo's ScheduleAppUpdates); the Registrar
// heartbeats at the instance's LeaseInfo.RenewalIntervalInSecs (30 seconds
// when unset) and registers again when a heartbeat finds the lease gone.
//
// Beyond Go kit: Stop and Deregister return only once the goroutines they
// started have ended, fargo's polling goroutine included when the connection
// is a *fargo.EurekaConnection; Stop is idempotent; connections that would
// make fargo panic or end the process (nil, no ServiceUrls, a zero
// PollInterval as from fargo.NewConn) are reported as errors
// (ErrNoConnection, ErrNoServiceURLs, ErrPollInterval), as is a nil instance
// (ErrNoInstance); nil loggers discard.
//
// fargo logs through github.com/op/go-logging under the module name "fargo";
// use logging.SetLevel to quiet it.
//
// Testing: no Eureka server can be installed in kit's test environment, so
// the tests run against an in-test httptest server that speaks the part of
// the Eureka v2 REST API fargo uses (GET apps/{app} and apps/{app}/{id},
// POST apps/{app}, heartbeat PUT and DELETE apps/{app}/{id}), in XML and in
// JSON, with responses written after Eureka's own. The Instancer runs the
// shared conformance suite (sd/internal/sdtest) on it. A test against a real
// server runs when EUREKA_ADDR is set.
//
// All methods are safe for concurrent use.
//
// A complete program:
//
//	package main
//
//	import (
//		"fmt"
//		"time"
//
//		"github.com/hudl/fargo"
//
//		"github.com/seedkit/kit/sd"
//		"github.com/seedkit/kit/sd/eureka"
//	)
//
//	func main() {
//		conn := fargo.NewConn("http://eureka:8761/eureka/v2")
//		conn.PollInterval = 30 * time.Second
//
//		registrar := eureka.NewRegistrar(&conn, &fargo.Instance{
//			InstanceId:     "orders-1",
//			HostName:       "orders-1.example.com",
//			App:            "ORDERS",
//			IPAddr:         "10.0.0.7",
//			Port:           8080,
//			PortEnabled:    true,
//			Status:         fargo.UP,
//			DataCenterInfo: fargo.DataCenterInfo{Name: fargo.MyOwn},
//		}, nil)
//		registrar.Register()
//		defer registrar.Deregister()
//
//		instancer := eureka.NewInstancer(&conn, "ORDERS", nil)
//		defer instancer.Stop()
//		events := make(chan sd.Event, 1)
//		instancer.Register(events)
//		defer instancer.Deregister(events)
//		fmt.Println(<-events)
//	}
package eureka
