package apicompat_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/seedkit/kit/auth/casbin"
	"github.com/seedkit/kit/endpoint"
)

// var ErrModelContextMissing, ErrPolicyContextMissing, ErrUnauthorized error
var (
	_ *error = &casbin.ErrModelContextMissing
	_ *error = &casbin.ErrPolicyContextMissing
	_ *error = &casbin.ErrUnauthorized
)

// func NewEnforcer(subject string, object interface{}, action string) endpoint.Middleware
var _ func(string, any, string) endpoint.Middleware = casbin.NewEnforcer

func TestCasbinValues(t *testing.T) {
	t.Parallel()
	// const CasbinEnforcerContextKey, CasbinModelContextKey, CasbinPolicyContextKey contextKey
	keys := map[any]string{
		casbin.CasbinEnforcerContextKey: "CasbinEnforcerContextKey",
		casbin.CasbinModelContextKey:    "CasbinModelContextKey",
		casbin.CasbinPolicyContextKey:   "CasbinPolicyContextKey",
	}
	if len(keys) != 3 {
		t.Error("the context keys are not distinct")
	}
	for k, name := range keys {
		kt := reflect.TypeOf(k)
		if kt.Name() != "contextKey" || kt.PkgPath() != "github.com/seedkit/kit/auth/casbin" || kt.Kind() != reflect.String {
			t.Errorf("%s: type %s.%s (%v), want the unexported auth/casbin.contextKey string type", name, kt.PkgPath(), kt.Name(), kt.Kind())
		}
	}
	for err, want := range map[error]string{
		casbin.ErrModelContextMissing:  "CasbinModel is required in context",
		casbin.ErrPolicyContextMissing: "CasbinPolicy is required in context",
		casbin.ErrUnauthorized:         "Unauthorized Access",
	} {
		if err.Error() != want {
			t.Errorf("got %q, want %q", err, want)
		}
	}
	if _, err := casbin.NewEnforcer("s", "o", "a")(endpoint.Nop)(context.Background(), nil); err != casbin.ErrModelContextMissing {
		t.Errorf("empty context: got %v, want ErrModelContextMissing", err)
	}
}
