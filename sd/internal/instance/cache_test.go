package instance_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/seedkit/kit/internal/leakcheck"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/internal/instance"
	"github.com/seedkit/kit/sd/internal/sdtest"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

func TestCacheConformance(t *testing.T) {
	t.Parallel()
	sdtest.Run(t, sdtest.Harness{
		New: func(_ testing.TB, initial []string) sdtest.Subject {
			c := instance.NewCache()
			c.Update(sd.Event{Instances: initial})
			return sdtest.Subject{
				Instancer: c,
				Set:       func(_ testing.TB, instances []string) { c.Update(sd.Event{Instances: instances}) },
				Fail:      func(testing.TB) { c.Update(sd.Event{Err: errors.New("source failed")}) },
			}
		},
	})
}

func TestCacheState(t *testing.T) {
	t.Parallel()
	c := instance.NewCache()
	if got := c.State(); got.Instances != nil || got.Err != nil {
		t.Fatalf("initial state: got %+v, want the zero Event", got)
	}
	in := []string{"b", "c", "a"}
	c.Update(sd.Event{Instances: in})
	if !slices.Equal(in, []string{"b", "c", "a"}) {
		t.Errorf("Update sorted the caller's slice: %v", in)
	}
	got := c.State()
	if !slices.Equal(got.Instances, []string{"a", "b", "c"}) {
		t.Fatalf("State: got %v, want sorted a b c", got.Instances)
	}
	got.Instances[0] = "edited"
	if c.State().Instances[0] != "a" {
		t.Error("State returned the Cache's own slice")
	}
	boom := errors.New("boom")
	c.Update(sd.Event{Err: boom})
	if got := c.State(); got.Err != boom || got.Instances != nil {
		t.Errorf("after an error: got %+v, want the error alone (as in Go kit)", got)
	}
}

func TestCacheSkipsEqualUpdates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		first sd.Event
		next  sd.Event
		sent  bool
	}{
		{"same set, other order", sd.Event{Instances: []string{"a", "b"}}, sd.Event{Instances: []string{"b", "a"}}, false},
		{"other set", sd.Event{Instances: []string{"a"}}, sd.Event{Instances: []string{"a", "b"}}, true},
		{"equal errors", sd.Event{Err: errors.New("x")}, sd.Event{Err: errors.New("x")}, false},
		{"other error", sd.Event{Err: errors.New("x")}, sd.Event{Err: errors.New("y")}, true},
		{"nil then empty", sd.Event{}, sd.Event{Instances: []string{}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := instance.NewCache()
			c.Update(tt.first)
			ch := make(chan sd.Event, 4)
			c.Register(ch)
			<-ch
			c.Update(tt.next)
			if sent := len(ch) == 1; sent != tt.sent {
				t.Errorf("sent: got %v, want %v", sent, tt.sent)
			}
		})
	}
}

// A subscriber that stops reading must not make Deregister or Stop hang.
func TestCacheSlowSubscriber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		release func(c *instance.Cache, ch chan sd.Event)
	}{
		{"Deregister", func(c *instance.Cache, ch chan sd.Event) { c.Deregister(ch) }},
		{"Stop", func(c *instance.Cache, _ chan sd.Event) { c.Stop() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := instance.NewCache()
			ch := make(chan sd.Event, 1)
			c.Register(ch) // fills the buffer; nobody reads
			updated := make(chan struct{})
			go func() {
				defer close(updated)
				c.Update(sd.Event{Instances: []string{"a"}}) // blocks on ch
			}()
			tt.release(c, ch)
			select {
			case <-updated:
			case <-time.After(5 * time.Second):
				t.Fatal("Update still blocked on a released subscriber")
			}
		})
	}
}

func TestCacheDeregisterThenClose(t *testing.T) {
	t.Parallel()
	c := instance.NewCache()
	for i := range 50 {
		ch := make(chan sd.Event, 1)
		c.Register(ch)
		done := make(chan struct{})
		go func() {
			defer close(done)
			c.Update(sd.Event{Instances: []string{string(rune('a' + i%26))}})
		}()
		c.Deregister(ch)
		close(ch) // must not make a send panic
		<-done
	}
}

func TestCacheStopDropsUpdates(t *testing.T) {
	t.Parallel()
	c := instance.NewCache()
	c.Update(sd.Event{Instances: []string{"a"}})
	c.Stop()
	c.Stop()
	c.Update(sd.Event{Instances: []string{"b"}})
	ch := make(chan sd.Event, 1)
	c.Register(ch)
	if ev := <-ch; !slices.Equal(ev.Instances, []string{"a"}) {
		t.Fatalf("after Stop: got %+v, want the state before Stop", ev)
	}
}
