// Package etcd is service discovery on etcd with the API of Go kit's sd/etcd,
// which was written for the etcd v2 keys API: a Client, an Instancer that
// watches a key prefix, and a Registrar that publishes one instance and
// refreshes its TTL.
//
// etcd removed the v2 API (3.4 disables it, 3.6 deletes it), so this package
// keeps Go kit's v2-era API and serves it with the v3 protocol
// (go.etcd.io/etcd/client/v3): a program written for Go kit's sd/etcd keeps
// working on a current etcd after rewriting its import paths. The mapping:
//
//   - GetEntries(prefix) returns the value at prefix and every value below
//     prefix + "/", like a recursive v2 get (but not "/prefixfoo");
//   - a Service with a TTL is written with a lease of that TTL, which each
//     Register (the Registrar's heartbeat) refreshes; a lost lease is granted
//     again; a Service without TTL is created only if the key does not exist
//     (ErrKeyExists), like v2 create;
//   - Service.DeleteOptions has this package's DeleteOptions type, with the
//     fields of the v2 client's type (PrevValue, PrevIndex, Recursive, Dir),
//     so that the v2 client module is not needed; a failed condition is
//     ErrCompareFailed;
//   - keys written through the v2 API of an old cluster are a separate store
//     and are not seen.
//
// Use:
//
//	client, err := etcd.NewClient(ctx, []string{"http://127.0.0.1:2379"}, etcd.ClientOptions{})
//	registrar := etcd.NewRegistrar(client, etcd.Service{
//		Key:   "/services/users/10.0.0.7:8080",
//		Value: "10.0.0.7:8080",
//		TTL:   etcd.NewTTLOption(3*time.Second, 10*time.Second),
//	}, logger)
//	registrar.Register()
//	defer registrar.Deregister()
//
//	instancer, err := etcd.NewInstancer(client, "/services/users", logger)
//	defer instancer.Stop()
//
// Beyond Go kit: Instancer.Stop and Registrar.Deregister wait for their
// goroutines; the Client returned by NewClient implements io.Closer and
// closes when the context given to NewClient ends, leaving no goroutine; the
// Instancer re-watches after a broken watch (server restart) and reads again,
// so it reports the right set after a restart; Registrar.Register and
// Deregister are serialised, so a Deregister racing a Register never leaves
// a heartbeat behind, and so are the Client's Register and Deregister calls
// of one key, so concurrent calls never leave a lease or a key behind; a
// TTLOption literal gets NewTTLOption's rules instead of crashing the
// heartbeat. All types are safe for concurrent use.
package etcd
