package sd_test

import (
	"testing"

	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/internal/sdtest"
)

func TestFixedInstancerConformance(t *testing.T) {
	t.Parallel()
	sdtest.Run(t, sdtest.Harness{
		New: func(_ testing.TB, initial []string) sdtest.Subject {
			return sdtest.Subject{Instancer: sd.FixedInstancer(initial)}
		},
	})
}

func TestFixedInstancer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		set  sd.FixedInstancer
	}{
		{"nil", nil},
		{"empty", sd.FixedInstancer{}},
		{"two", sd.FixedInstancer{"a:1", "b:2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ch := make(chan sd.Event, 2)
			tt.set.Register(ch)
			tt.set.Register(ch)
			first, second := <-ch, <-ch
			if first.Err != nil || !sdtest.SameSet(first.Instances, tt.set) {
				t.Fatalf("got %+v, want %v", first, tt.set)
			}
			if len(first.Instances) > 0 {
				first.Instances[0] = "edited"
				if second.Instances[0] == "edited" || tt.set[0] == "edited" {
					t.Fatal("subscribers share the Instances slice")
				}
			}
			tt.set.Deregister(ch)
			tt.set.Stop()
			tt.set.Stop()
		})
	}
}
