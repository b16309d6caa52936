package leakcheck_test

import (
	"testing"

	"github.com/seedkit/kit/internal/leakcheck"
)

func TestFindNothingWhenClean(t *testing.T) {
	if err := leakcheck.Find(); err != nil {
		t.Fatal(err)
	}
}

func TestFindReportsAndForgetsAGoroutine(t *testing.T) {
	stop := make(chan struct{})
	started := make(chan struct{})
	go func() {
		close(started)
		<-stop
	}()
	<-started
	// Find waits a few seconds before it reports; the goroutine is still
	// blocked then.
	if err := leakcheck.Find(); err == nil {
		t.Fatal("Find missed a blocked goroutine")
	}
	close(stop)
	if err := leakcheck.Find(); err != nil {
		t.Fatalf("after the goroutine ended: %v", err)
	}
}
