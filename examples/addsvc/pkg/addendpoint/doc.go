// Package addendpoint turns the addservice methods into endpoints, adds the
// endpoint-level middlewares, and lets a set of (client) endpoints stand in
// for the service.
package addendpoint
