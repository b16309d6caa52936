package eureka_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hudl/fargo"
)

// fakeEureka is an in-test Eureka server speaking the part of the REST API
// (v2, under /eureka/v2) that fargo uses, in XML or JSON as the request's
// Accept or Content-Type header asks:
//
//	GET    /apps/{app}       the application and its instances, 404 if unknown
//	GET    /apps/{app}/{id}  one instance, 404 if unknown
//	POST   /apps/{app}       register an instance: 204
//	PUT    /apps/{app}/{id}  heartbeat: 200, or 404 if the instance is unknown
//	DELETE /apps/{app}/{id}  deregister: 200, or 404
//
// Unlike a real Eureka, it knows an application with no instances once one
// was created (it answers with an empty application), and it has no
// response cache: changes show at once.
type fakeEureka struct {
	srv *httptest.Server

	mu      sync.Mutex
	apps    map[string]map[string]fakeInstance // app -> id -> instance
	failing map[string]bool                    // apps whose GET answers 500
	failAll bool                               // every request answers 500
	ops     []string                           // "POST APP/id", "PUT APP/id"...
	changed chan struct{}                      // closed and replaced on every op
}

type fakeInstance struct {
	ID, Host, App, IP string
	Port              int
	RenewSecs         int // lease renewal interval, echoed back as registered
}

func newFakeEureka(t testing.TB) *fakeEureka {
	f := startFakeEureka()
	t.Cleanup(f.close)
	return f
}

// startFakeEureka starts a server that the caller must close.
func startFakeEureka() *fakeEureka {
	f := &fakeEureka{
		apps:    map[string]map[string]fakeInstance{},
		failing: map[string]bool{},
		changed: make(chan struct{}),
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	return f
}

func (f *fakeEureka) close() {
	f.srv.Close()
	fargo.HttpClient.CloseIdleConnections()
}

// url is the service URL for fargo.
func (f *fakeEureka) url() string { return f.srv.URL + "/eureka/v2" }

// conn returns a fargo connection to the server polling every poll.
func (f *fakeEureka) conn(poll time.Duration, useJSON bool) *fargo.EurekaConnection {
	c := fargo.NewConn(f.url())
	c.PollInterval = poll
	c.UseJson = useJSON
	return &c
}

// setApp replaces the instances of app with ones made from "ip:port"
// strings.
func (f *fakeEureka) setApp(app string, instances []string) {
	m := map[string]fakeInstance{}
	for _, inst := range instances {
		host, port, err := net.SplitHostPort(inst)
		if err != nil {
			panic(err)
		}
		p, _ := strconv.Atoi(port)
		id := host + "-" + port
		m[id] = fakeInstance{ID: id, Host: id + ".example.com", App: app, IP: host, Port: p, RenewSecs: 30}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.apps[app] = m
	f.failing[app] = false
}

func (f *fakeEureka) fail(app string, fail bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failing[app] = fail
}

func (f *fakeEureka) failEverything(fail bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failAll = fail
}

func (f *fakeEureka) instance(app, id string) (fakeInstance, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	inst, ok := f.apps[app][id]
	return inst, ok
}

func (f *fakeEureka) remove(app, id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.apps[app], id)
}

// count returns how many times op was served.
func (f *fakeEureka) count(op string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, o := range f.ops {
		if o == op {
			n++
		}
	}
	return n
}

// waitCount waits until op was served at least n times.
func (f *fakeEureka) waitCount(t testing.TB, op string, n int, timeout time.Duration) {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		changed := f.changed
		f.mu.Unlock()
		if f.count(op) >= n {
			return
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("%q served %d times within %v, want %d", op, f.count(op), timeout, n)
		}
	}
}

func (f *fakeEureka) record(op string) {
	f.ops = append(f.ops, op)
	close(f.changed)
	f.changed = make(chan struct{})
}

func (f *fakeEureka) serve(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/eureka/v2/apps/")
	if !ok {
		http.NotFound(w, r)
		return
	}
	parts := strings.Split(rest, "/")
	useJSON := strings.Contains(r.Header.Get("Accept"), "json") || strings.Contains(r.Header.Get("Content-Type"), "json")

	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failAll {
		http.Error(w, "unavailable", http.StatusInternalServerError)
		return
	}
	app := parts[0]
	switch {
	case r.Method == http.MethodGet && len(parts) == 1:
		instances, known := f.apps[app]
		switch {
		case f.failing[app]:
			http.Error(w, "eureka is having a bad day", http.StatusInternalServerError)
		case !known:
			http.NotFound(w, r)
		default:
			writeApp(w, app, instances, useJSON)
		}
	case r.Method == http.MethodGet && len(parts) == 2:
		inst, known := f.apps[app][parts[1]]
		if !known {
			http.NotFound(w, r)
			return
		}
		writeInstance(w, inst, useJSON)
	case r.Method == http.MethodPost && len(parts) == 1:
		inst, err := readInstance(r.Body, useJSON)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if f.apps[app] == nil {
			f.apps[app] = map[string]fakeInstance{}
		}
		f.apps[app][inst.ID] = inst
		f.record("POST " + app + "/" + inst.ID)
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPut && len(parts) == 2:
		f.record("PUT " + app + "/" + parts[1])
		if _, known := f.apps[app][parts[1]]; !known {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(http.StatusOK)
	case r.Method == http.MethodDelete && len(parts) == 2:
		f.record("DELETE " + app + "/" + parts[1])
		if _, known := f.apps[app][parts[1]]; !known {
			http.NotFound(w, r)
			return
		}
		delete(f.apps[app], parts[1])
		w.WriteHeader(http.StatusOK)
	default:
		http.Error(w, "not supported by the fake", http.StatusMethodNotAllowed)
	}
}

func sortedInstances(m map[string]fakeInstance) []fakeInstance {
	out := make([]fakeInstance, 0, len(m))
	for _, inst := range m {
		out = append(out, inst)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// The XML and JSON below follow Eureka's own responses, written by hand so
// that the test does not check fargo against itself.

func instanceXML(inst fakeInstance) string {
	return fmt.Sprintf(`<instance><instanceId>%s</instanceId><hostName>%s</hostName><app>%s</app>`+
		`<ipAddr>%s</ipAddr><status>UP</status><overriddenstatus>UNKNOWN</overriddenstatus>`+
		`<port enabled="true">%d</port><securePort enabled="false">443</securePort><countryId>1</countryId>`+
		`<dataCenterInfo class="com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo"><name>MyOwn</name></dataCenterInfo>`+
		`<leaseInfo><renewalIntervalInSecs>%d</renewalIntervalInSecs><durationInSecs>90</durationInSecs></leaseInfo>`+
		`<metadata class="java.util.Collections$EmptyMap"/><vipAddress>%s</vipAddress></instance>`,
		inst.ID, inst.Host, inst.App, inst.IP, inst.Port, inst.RenewSecs, strings.ToLower(inst.App))
}

func instanceJSON(inst fakeInstance) map[string]any {
	return map[string]any{
		"instanceId": inst.ID, "hostName": inst.Host, "app": inst.App, "ipAddr": inst.IP,
		"status": "UP", "overriddenstatus": "UNKNOWN",
		"port":           map[string]any{"$": inst.Port, "@enabled": "true"},
		"securePort":     map[string]any{"$": 443, "@enabled": "false"},
		"countryId":      1,
		"dataCenterInfo": map[string]any{"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"},
		"leaseInfo":      map[string]any{"renewalIntervalInSecs": inst.RenewSecs, "durationInSecs": 90},
		"vipAddress":     strings.ToLower(inst.App),
	}
}

func writeApp(w http.ResponseWriter, app string, m map[string]fakeInstance, useJSON bool) {
	instances := sortedInstances(m)
	if useJSON {
		list := []map[string]any{}
		for _, inst := range instances {
			list = append(list, instanceJSON(inst))
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"application": map[string]any{"name": app, "instance": list}})
		return
	}
	w.Header().Set("Content-Type", "application/xml")
	var b strings.Builder
	fmt.Fprintf(&b, "<application><name>%s</name>", app)
	for _, inst := range instances {
		b.WriteString(instanceXML(inst))
	}
	b.WriteString("</application>")
	_, _ = io.WriteString(w, b.String())
}

func writeInstance(w http.ResponseWriter, inst fakeInstance, useJSON bool) {
	if useJSON {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"instance": instanceJSON(inst)})
		return
	}
	w.Header().Set("Content-Type", "application/xml")
	_, _ = io.WriteString(w, instanceXML(inst))
}

// readInstance decodes a registration as fargo sends it.
func readInstance(body io.Reader, useJSON bool) (fakeInstance, error) {
	var in struct {
		InstanceID string `xml:"instanceId"`
		HostName   string `xml:"hostName"`
		App        string `xml:"app"`
		IPAddr     string `xml:"ipAddr"`
		Port       struct {
			Number string `xml:",chardata"`
		} `xml:"port"`
		LeaseInfo struct {
			RenewSecs int `xml:"renewalIntervalInSecs"`
		} `xml:"leaseInfo"`
	}
	var err error
	port := ""
	if useJSON {
		var wrapper struct {
			Instance *struct {
				InstanceID string `json:"instanceId"`
				HostName   string `json:"hostName"`
				App        string `json:"app"`
				IPAddr     string `json:"ipAddr"`
				Port       struct {
					Number json.Number `json:"$"`
				} `json:"port"`
				LeaseInfo struct {
					RenewSecs int `json:"renewalIntervalInSecs"`
				} `json:"leaseInfo"`
			} `json:"instance"`
		}
		if err = json.NewDecoder(body).Decode(&wrapper); err == nil && wrapper.Instance == nil {
			err = fmt.Errorf("no instance in the registration")
		}
		if err == nil {
			i := wrapper.Instance
			in.InstanceID, in.HostName, in.App, in.IPAddr = i.InstanceID, i.HostName, i.App, i.IPAddr
			in.LeaseInfo.RenewSecs = i.LeaseInfo.RenewSecs
			port = i.Port.Number.String()
		}
	} else {
		err = xml.NewDecoder(body).Decode(&in)
		port = in.Port.Number
	}
	if err != nil {
		return fakeInstance{}, err
	}
	p, err := strconv.Atoi(strings.TrimSpace(port))
	if err != nil {
		return fakeInstance{}, fmt.Errorf("port %q: %v", port, err)
	}
	id := in.InstanceID
	if id == "" {
		id = in.HostName
	}
	renew := in.LeaseInfo.RenewSecs
	if renew <= 0 {
		renew = 30
	}
	return fakeInstance{ID: id, Host: in.HostName, App: in.App, IP: in.IPAddr, Port: p, RenewSecs: renew}, nil
}
