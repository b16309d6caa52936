// Package addservice is the business logic of addsvc: a service that sums
// integers and concatenates strings, with the typed errors its transports
// map to their own error codes, and service-level logging and instrumenting
// middlewares.
package addservice
