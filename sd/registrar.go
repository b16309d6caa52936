package sd

// Registrar registers one instance of a service with a discovery system, and
// takes it out again.
//
// Register announces the instance (and, for systems that need it, keeps it
// alive with heartbeats until Deregister); Deregister removes it and stops
// whatever Register started. Neither returns an error, as in Go kit:
// implementations report failures through their logger.
type Registrar interface {
	Register()
	Deregister()
}
