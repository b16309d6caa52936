package transportdiff2_test

import (
	"context"
	"reflect"
	"testing"
	"time"
)

func testContext(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func same(t *testing.T, what string, kit, gokit any) {
	t.Helper()
	if !reflect.DeepEqual(kit, gokit) {
		t.Errorf("%s differs:\n  kit:   %+v\n  gokit: %+v", what, kit, gokit)
	}
}

// ctxKey is the tests' own context key type.
type ctxKey string
