// Package zk is service discovery on Apache ZooKeeper
// (github.com/go-zookeeper/zk): a Client, an Instancer that follows the
// children of a node, and a Registrar that publishes an instance as an
// ephemeral sequential node.
//
// It matches the API of Go kit's sd/zk. A service registers itself
//
//	client, err := zk.NewClient([]string{"127.0.0.1:2181"}, logger)
//	defer client.Stop()
//	registrar := zk.NewRegistrar(client, zk.Service{
//		Path: "/myorg/services", Name: "users", Data: []byte("10.0.0.7:8080"),
//	}, logger)
//	registrar.Register()
//	defer registrar.Deregister()
//
// and its clients discover it
//
//	instancer, err := zk.NewInstancer(client, "/myorg/services/users", logger)
//	defer instancer.Stop()
//
// Beyond Go kit:
//   - the Client survives the expiry of its session: the ephemeral nodes of
//     the registered services are created again in the new session;
//   - the Instancer reads again (with backoff) after a failed read, where Go
//     kit's stopped following changes, and after every watch event,
//     including the loss of the watch with the session;
//   - Deregister deletes the service's own node (Go kit's tried to delete the
//     parent node); invalid paths are errors, not panics;
//   - Client.Stop and Instancer.Stop wait for their goroutines.
//
// The Client and the Instancer are safe for concurrent use.
package zk
