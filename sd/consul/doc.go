// Package consul is service discovery on HashiCorp Consul
// (github.com/hashicorp/consul/api): a Client, an Instancer that follows a
// service with blocking queries, and a Registrar that registers an instance
// with the local agent.
//
// It matches the API of Go kit's sd/consul. A service registers itself
//
//	apiClient, err := consulapi.NewClient(consulapi.DefaultConfig())
//	client := consul.NewClient(apiClient)
//	registrar := consul.NewRegistrar(client, &consulapi.AgentServiceRegistration{
//		ID: "users-1", Name: "users", Address: "10.0.0.7", Port: 8080,
//	}, logger)
//	registrar.Register()
//	defer registrar.Deregister()
//
// and its clients discover it
//
//	instancer := consul.NewInstancer(client, logger, "users", []string{"prod"}, true)
//	defer instancer.Stop()
//	endpointer := sd.NewEndpointer(instancer, factory, logger)
//	balancer := lb.NewRoundRobin(endpointer)
//
// Beyond Go kit:
//   - the query loop follows Consul's rules for blocking queries and never
//     spins: the index is reset when it goes backwards or is zero, and
//     errors and quick non-advancing answers are followed by exponential
//     backoff with jitter (Go kit v0.11 to v0.12 sent hundreds of requests a
//     second after a deregistration, go-kit/kit#1214). NewInstancerWithOptions
//     tunes the backoff and the wait time and injects the sleep function;
//   - Instancer.Stop aborts the blocking query (through the context of its
//     QueryOptions) and waits for the loop, so no goroutine outlives it;
//   - instances are formatted with net.JoinHostPort, so IPv6 addresses come
//     out as "[::1]:80" (Go kit wrote "::1:80"); for IPv4 and names the
//     result is the same;
//   - malformed entries and nil registrations are errors or skipped, never
//     panics.
//
// All types are safe for concurrent use.
package consul
