package casbin_test

import (
	"context"
	"fmt"

	stdcasbin "github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	stringadapter "github.com/casbin/casbin/v2/persist/string-adapter"

	"github.com/seedkit/kit/auth/casbin"
)

func ExampleNewEnforcer() {
	read := casbin.NewEnforcer("alice", "orders", "read")(func(context.Context, any) (any, error) { return "the orders", nil })
	write := casbin.NewEnforcer("alice", "orders", "write")(func(context.Context, any) (any, error) { return "written", nil })

	ctx := context.WithValue(context.Background(), casbin.CasbinModelContextKey, "testdata/model.conf")
	ctx = context.WithValue(ctx, casbin.CasbinPolicyContextKey, stringadapter.NewAdapter("p, alice, orders, read"))
	fmt.Println(read(ctx, nil))
	fmt.Println(write(ctx, nil))
	// Output:
	// the orders <nil>
	// <nil> Unauthorized Access
}

// The enforcer built for the call is available to the endpoint.
func ExampleNewEnforcer_enforcerInContext() {
	m, err := model.NewModelFromString(`
[request_definition]
r = sub, obj, act
[policy_definition]
p = sub, obj, act
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = r.sub == p.sub && r.obj == p.obj && r.act == p.act`)
	if err != nil {
		fmt.Println(err)
		return
	}
	e := casbin.NewEnforcer("bob", "reports", "read")(func(ctx context.Context, _ any) (any, error) {
		enforcer := ctx.Value(casbin.CasbinEnforcerContextKey).(*stdcasbin.Enforcer)
		return enforcer.Enforce("bob", "reports", "delete")
	})
	ctx := context.WithValue(context.Background(), casbin.CasbinModelContextKey, m)
	ctx = context.WithValue(ctx, casbin.CasbinPolicyContextKey, stringadapter.NewAdapter("p, bob, reports, read"))
	fmt.Println(e(ctx, nil))
	// Output:
	// false <nil>
}
