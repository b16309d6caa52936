package casbin_test

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	stdcasbin "github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	stringadapter "github.com/casbin/casbin/v2/persist/string-adapter"

	"github.com/seedkit/kit/auth/casbin"
)

const (
	modelPath  = "testdata/model.conf"
	policyPath = "testdata/policy.csv"
	policyText = "p, alice, orders, read\np, bob, orders, read"
)

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func loadModel(t *testing.T) model.Model {
	t.Helper()
	text, err := os.ReadFile(modelPath)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.NewModelFromString(string(text))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestNewEnforcer(t *testing.T) {
	t.Parallel()
	m := loadModel(t)
	tests := []struct {
		name          string
		sub, obj, act string
		model, policy any // nil: absent
		same          error
		is            error
		wantErr       bool
	}{
		{name: "allowed, files", sub: "alice", obj: "orders", act: "write", model: modelPath, policy: policyPath},
		{name: "denied, files", sub: "bob", obj: "orders", act: "write", model: modelPath, policy: policyPath, same: casbin.ErrUnauthorized},
		{name: "unknown subject", sub: "mallory", obj: "orders", act: "read", model: modelPath, policy: policyPath, same: casbin.ErrUnauthorized},
		{name: "allowed, model.Model and adapter", sub: "bob", obj: "orders", act: "read", model: m, policy: stringadapter.NewAdapter(policyText)},
		{name: "denied, model.Model and adapter", sub: "alice", obj: "orders", act: "write", model: m, policy: stringadapter.NewAdapter(policyText), same: casbin.ErrUnauthorized},
		{name: "model path and adapter", sub: "alice", obj: "orders", act: "read", model: modelPath, policy: stringadapter.NewAdapter(policyText)},
		{name: "model.Model and policy path", sub: "alice", obj: "orders", act: "write", model: m, policy: policyPath},
		{name: "model missing", sub: "alice", obj: "orders", act: "read", policy: policyPath, same: casbin.ErrModelContextMissing},
		{name: "policy missing", sub: "alice", obj: "orders", act: "read", model: modelPath, same: casbin.ErrPolicyContextMissing},
		{name: "both missing", sub: "alice", obj: "orders", act: "read", same: casbin.ErrModelContextMissing},
		{name: "model of another type", sub: "alice", obj: "orders", act: "read", model: 42, policy: policyPath, is: casbin.ErrInvalidContextValue},
		{name: "empty model.Model", sub: "alice", obj: "orders", act: "read", model: model.Model{}, policy: policyPath, is: casbin.ErrInvalidContextValue},
		{name: "policy of another type", sub: "alice", obj: "orders", act: "read", model: modelPath, policy: []string{"p, alice, orders, read"}, is: casbin.ErrInvalidContextValue},
		{name: "model file missing", sub: "alice", obj: "orders", act: "read", model: "testdata/nope.conf", policy: policyPath, wantErr: true},
		{name: "policy file missing", sub: "alice", obj: "orders", act: "read", model: modelPath, policy: "testdata/nope.csv", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			if tt.model != nil {
				ctx = context.WithValue(ctx, casbin.CasbinModelContextKey, tt.model)
			}
			if tt.policy != nil {
				ctx = context.WithValue(ctx, casbin.CasbinPolicyContextKey, tt.policy)
			}
			var enforcer any
			e := casbin.NewEnforcer(tt.sub, tt.obj, tt.act)(func(ctx context.Context, req any) (any, error) {
				enforcer = ctx.Value(casbin.CasbinEnforcerContextKey)
				return req, nil
			})
			resp, err := e(ctx, "req")
			switch {
			case tt.same != nil:
				if err != tt.same {
					t.Errorf("got %v, want exactly %v", err, tt.same)
				}
			case tt.is != nil:
				if !errors.Is(err, tt.is) {
					t.Errorf("got %v, want it to match %v", err, tt.is)
				}
			case tt.wantErr:
				if err == nil {
					t.Error("got nil error")
				}
			default:
				if err != nil || resp != "req" {
					t.Fatalf("got %v, %v; want req, nil", resp, err)
				}
				if _, ok := enforcer.(*stdcasbin.Enforcer); !ok {
					t.Errorf("the context holds %T under CasbinEnforcerContextKey, want *casbin.Enforcer", enforcer)
				}
				return
			}
			if enforcer != nil || resp != nil {
				t.Error("a refused call reached the endpoint")
			}
		})
	}
}

// TestSharedModel runs concurrent calls sharing one model.Model, which the
// middleware must copy rather than hand to Casbin to modify.
func TestSharedModel(t *testing.T) {
	t.Parallel()
	m := loadModel(t)
	ctx := context.WithValue(testContext(t), casbin.CasbinModelContextKey, m)
	ctx = context.WithValue(ctx, casbin.CasbinPolicyContextKey, stringadapter.NewAdapter(policyText))
	allow := casbin.NewEnforcer("alice", "orders", "read")(func(context.Context, any) (any, error) { return "ok", nil })
	deny := casbin.NewEnforcer("bob", "orders", "write")(func(context.Context, any) (any, error) { return "ok", nil })
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Go(func() {
			if _, err := allow(ctx, nil); err != nil {
				t.Errorf("allow: %v", err)
			}
			if _, err := deny(ctx, nil); err != casbin.ErrUnauthorized {
				t.Errorf("deny: got %v", err)
			}
		})
	}
	wg.Wait()
	if n := len(m["p"]["p"].Policy); n != 0 {
		t.Errorf("the shared model now holds %d policy lines, want 0", n)
	}
}

func TestContextKeysAndErrors(t *testing.T) {
	t.Parallel()
	keys := []any{casbin.CasbinModelContextKey, casbin.CasbinPolicyContextKey, casbin.CasbinEnforcerContextKey}
	for i := range keys {
		for j := range keys {
			if i != j && keys[i] == keys[j] {
				t.Errorf("keys %d and %d are equal", i, j)
			}
		}
	}
	type otherKey string
	ctx := context.WithValue(context.Background(), otherKey("CasbinModel"), modelPath)
	if ctx.Value(casbin.CasbinModelContextKey) != nil {
		t.Error("the model key collides with a key of another type")
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
}
