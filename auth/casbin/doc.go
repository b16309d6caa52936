// Package casbin provides an endpoint middleware that authorizes calls with
// Casbin (github.com/casbin/casbin/v2), as Go kit's auth/casbin does.
//
// NewEnforcer(subject, object, action) builds, on each call, a Casbin
// Enforcer from the access control model and the policy found in the
// context, stores it in the context under CasbinEnforcerContextKey, and lets
// the call through only if the enforcer allows subject to do action on
// object; otherwise the call fails with ErrUnauthorized.
//
// The model (under CasbinModelContextKey) is a path to a model file or a
// model.Model; the policy (under CasbinPolicyContextKey) is a path to a CSV
// policy file or a persist.Adapter, for example the string adapter of
// github.com/casbin/casbin/v2/persist/string-adapter. A transport request
// function or an outer middleware puts them there.
//
// # Beyond Go kit
//
//   - A missing model or policy fails with ErrModelContextMissing or
//     ErrPolicyContextMissing (Go kit declares these errors but returns
//     Casbin's "invalid parameters" error instead).
//   - A context value of another type, or an empty model.Model, fails with an
//     error matching ErrInvalidContextValue instead of panicking.
//   - A model.Model may be combined with a policy file path.
//   - A model.Model in the context is copied, never modified, so one model
//     may be shared by concurrent calls.
//
// # Concurrency
//
// The middleware is safe for concurrent use. The enforcer it stores in the
// context belongs to that call.
//
// # Example
//
//	package main
//
//	import (
//		"context"
//		"fmt"
//
//		"github.com/seedkit/kit/auth/casbin"
//		"github.com/seedkit/kit/endpoint"
//	)
//
//	func main() {
//		e := casbin.NewEnforcer("alice", "data1", "read")(endpoint.Nop)
//		ctx := context.WithValue(context.Background(), casbin.CasbinModelContextKey, "model.conf")
//		ctx = context.WithValue(ctx, casbin.CasbinPolicyContextKey, "policy.csv")
//		_, err := e(ctx, nil)
//		fmt.Println(err) // <nil> if policy.csv has "p, alice, data1, read"
//	}
package casbin
