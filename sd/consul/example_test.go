package consul_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	consulapi "github.com/hashicorp/consul/api"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/sd"
	"github.com/seedkit/kit/sd/consul"
)

// An Instancer following a service, here on a stand-in for the Consul
// agent's health endpoint.
func ExampleNewInstancer() {
	agent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("index") != "" {
			<-r.Context().Done() // a blocking query: nothing changes
			return
		}
		w.Header().Set("X-Consul-Index", "42")
		fmt.Fprint(w, `[
			{"Node": {"Address": "10.0.0.1"}, "Service": {"Service": "users", "Port": 8080, "Tags": ["prod"]}},
			{"Node": {"Address": "10.0.0.2"}, "Service": {"Service": "users", "Address": "10.0.1.2", "Port": 8080, "Tags": ["prod"]}}
		]`)
	}))
	defer agent.Close()

	transport := &http.Transport{}
	defer transport.CloseIdleConnections()
	cfg := consulapi.DefaultConfig()
	cfg.Address = strings.TrimPrefix(agent.URL, "http://")
	cfg.Transport = transport
	apiClient, err := consulapi.NewClient(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}

	instancer := consul.NewInstancer(consul.NewClient(apiClient), log.NewNopLogger(), "users", []string{"prod"}, true)
	defer instancer.Stop()
	events := make(chan sd.Event, 1)
	instancer.Register(events)
	defer instancer.Deregister(events)
	fmt.Println((<-events).Instances)
	// Output:
	// [10.0.0.1:8080 10.0.1.2:8080]
}
