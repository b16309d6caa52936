// Package etcdv3 is service discovery on etcd with its v3 API
// (go.etcd.io/etcd/client/v3): a Client, an Instancer that watches a key
// prefix, and a Registrar that publishes one instance under a lease.
//
// It matches the API of Go kit's sd/etcdv3. A program registers itself
//
//	client, err := etcdv3.NewClient(ctx, []string{"127.0.0.1:2379"}, etcdv3.ClientOptions{})
//	registrar := etcdv3.NewRegistrar(client, etcdv3.Service{
//		Key:   "/services/users/10.0.0.7:8080",
//		Value: "10.0.0.7:8080",
//		TTL:   etcdv3.NewTTLOption(3*time.Second, 10*time.Second),
//	}, logger)
//	registrar.Register()
//	defer registrar.Deregister()
//
// and its clients discover it
//
//	instancer, err := etcdv3.NewInstancer(client, "/services/users/", logger)
//	defer instancer.Stop()
//	endpointer := sd.NewEndpointer(instancer, factory, logger)
//	balancer := lb.NewRoundRobin(endpointer)
//
// Beyond Go kit:
//   - the Instancer watches from the revision of its read, so no change made
//     between the read and the watch is lost, and it reads again and
//     re-watches after the watch breaks (server restart, compaction);
//   - each registered key has its own lease, refreshed every heartbeat of its
//     TTLOption; a lease lost while etcd was unreachable is granted again and
//     the key rewritten, so a registration survives server restarts;
//   - Deregister only touches its own key (Go kit's also closed the client's
//     watches); a client can register several keys; Register and Deregister
//     of one key are serialised, so concurrent calls leave exactly the last
//     registration (or none) behind;
//   - the Client returned by NewClient implements io.Closer and also closes
//     when the context given to NewClient ends: every goroutine (gRPC
//     included) is gone after Close; Instancer.Stop waits for its goroutine.
//
// All types are safe for concurrent use.
package etcdv3
