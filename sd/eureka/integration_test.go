package eureka_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hudl/fargo"

	"github.com/seedkit/kit/sd/eureka"
	"github.com/seedkit/kit/sd/internal/sdtest"
)

// TestIntegration runs against a real Eureka server at EUREKA_ADDR (host:port
// or a URL; "/eureka/v2" is appended to a bare host:port). A real server
// caches its responses (30 seconds by default), hence the long waits.
func TestIntegration(t *testing.T) {
	addr := os.Getenv("EUREKA_ADDR")
	if addr == "" {
		t.Skip("EUREKA_ADDR not set: no Eureka server in this environment; the fake server of fake_test.go covers the protocol")
	}
	t.Parallel()
	if !strings.Contains(addr, "://") {
		addr = "http://" + addr + "/eureka/v2"
	}
	app := fmt.Sprintf("KIT-IT-%d", time.Now().UnixNano())
	instance := testInstance(app, 5)
	instance.HostName = strings.ToLower(app) + ".example.com"

	regConn := fargo.NewConn(addr)
	r := eureka.NewRegistrar(&regConn, instance, nil)
	r.Register()
	defer r.Deregister()

	conn := fargo.NewConn(addr)
	conn.PollInterval = time.Second
	in := eureka.NewInstancer(&conn, app, nil)
	defer in.Stop()
	ch := sdtest.Subscribe(t, in)
	sdtest.Await(t, ch, []string{"10.0.0.9:8080"}, 90*time.Second)

	r.Deregister()
	// Without instances a real Eureka forgets the application: 404, an
	// error Event.
	sdtest.AwaitErr(t, ch, 90*time.Second)
}
