package casbin

import (
	"context"
	"errors"
	"fmt"

	stdcasbin "github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	"github.com/casbin/casbin/v2/persist"
	fileadapter "github.com/casbin/casbin/v2/persist/file-adapter"

	"github.com/seedkit/kit/endpoint"
)

type contextKey string

const (
	// CasbinModelContextKey is the context key of the access control model:
	// a path to a model file (string) or a model.Model.
	CasbinModelContextKey contextKey = "CasbinModel"

	// CasbinPolicyContextKey is the context key of the access control
	// policy: a path to a policy file (string) or a persist.Adapter.
	CasbinPolicyContextKey contextKey = "CasbinPolicy"

	// CasbinEnforcerContextKey is the context key under which NewEnforcer
	// stores the *casbin.Enforcer it built for the call.
	CasbinEnforcerContextKey contextKey = "CasbinEnforcer"
)

var (
	// ErrModelContextMissing is returned when the context holds no model
	// under CasbinModelContextKey.
	ErrModelContextMissing = errors.New("CasbinModel is required in context")

	// ErrPolicyContextMissing is returned when the context holds no policy
	// under CasbinPolicyContextKey.
	ErrPolicyContextMissing = errors.New("CasbinPolicy is required in context")

	// ErrUnauthorized is returned when the policy does not allow the
	// subject to do the action on the object.
	//lint:ignore ST1005 the text is Go kit's, and callers may compare it.
	ErrUnauthorized = errors.New("Unauthorized Access")

	// ErrInvalidContextValue is matched (errors.Is) by the error returned
	// when the model or the policy in the context has an unsupported type or
	// is empty.
	ErrInvalidContextValue = errors.New("casbin: invalid model or policy in context")
)

// NewEnforcer returns an endpoint.Middleware that authorizes each call: it
// builds a Casbin enforcer from the model and policy in the context, stores
// it under CasbinEnforcerContextKey, and calls the endpoint if the enforcer
// allows subject to do action on object.
//
// The call fails without reaching the endpoint with ErrModelContextMissing
// or ErrPolicyContextMissing if one is absent, an error matching
// ErrInvalidContextValue if one has an unsupported type, Casbin's error if
// the model or policy cannot be loaded or evaluated, and ErrUnauthorized if
// the request is denied.
func NewEnforcer(subject string, object any, action string) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, request any) (any, error) {
			enforcer, err := enforcerFrom(ctx)
			if err != nil {
				return nil, err
			}
			ctx = context.WithValue(ctx, CasbinEnforcerContextKey, enforcer)
			ok, err := enforcer.Enforce(subject, object, action)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, ErrUnauthorized
			}
			return next(ctx, request)
		}
	}
}

// enforcerFrom builds an enforcer from the model and policy in ctx.
func enforcerFrom(ctx context.Context) (enforcer *stdcasbin.Enforcer, err error) {
	m := ctx.Value(CasbinModelContextKey)
	if m == nil {
		return nil, ErrModelContextMissing
	}
	p := ctx.Value(CasbinPolicyContextKey)
	if p == nil {
		return nil, ErrPolicyContextMissing
	}
	var modelArg, policyArg any
	switch m := m.(type) {
	case string:
		modelArg = m
	case model.Model:
		if len(m) == 0 {
			return nil, fmt.Errorf("%w: empty model.Model", ErrInvalidContextValue)
		}
		modelArg = m.Copy() // Casbin keeps and modifies the model it is given
	default:
		return nil, fmt.Errorf("%w: model is a %T, want a file path or a model.Model", ErrInvalidContextValue, m)
	}
	switch p := p.(type) {
	case string:
		if _, ok := modelArg.(model.Model); ok {
			policyArg = fileadapter.NewAdapter(p)
		} else {
			policyArg = p
		}
	case persist.Adapter:
		policyArg = p
	default:
		return nil, fmt.Errorf("%w: policy is a %T, want a file path or a persist.Adapter", ErrInvalidContextValue, p)
	}
	// Casbin panics on some malformed models; report that as an error.
	defer func() {
		if r := recover(); r != nil {
			enforcer, err = nil, fmt.Errorf("casbin: cannot build an enforcer: %v", r)
		}
	}()
	return stdcasbin.NewEnforcer(modelArg, policyArg)
}
