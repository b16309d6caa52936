package etcdv3

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	"go.etcd.io/etcd/client/pkg/v3/transport"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"
	"google.golang.org/grpc"

	"github.com/seedkit/kit/sd/internal/backoff"
)

// errNilClient is returned (or logged) when a nil Client is given.
var errNilClient = errors.New("etcdv3: nil client")

var (
	// ErrNoKey is returned by Register and Deregister when the Service has
	// an empty Key.
	ErrNoKey = errors.New("no key provided")

	// ErrNoValue is returned by Register when the Service has an empty
	// Value.
	ErrNoValue = errors.New("no value provided")

	// ErrClientClosed is returned by the methods of the Client made by
	// NewClient once it is closed (Close was called or the context given to
	// NewClient ended).
	ErrClientClosed = errors.New("etcdv3: client closed")
)

// Defaults applied by NewClient to zero ClientOptions fields, and by Register
// to a Service without TTL.
const (
	DefaultDialTimeout   = 3 * time.Second
	DefaultDialKeepAlive = 3 * time.Second
	DefaultHeartbeat     = 3 * time.Second
	DefaultTTL           = 10 * time.Second
)

// requestTimeout bounds every single etcd request made by the client, so that
// a call never hangs on an unreachable cluster.
const requestTimeout = 5 * time.Second

// Client is the part of etcd that the Instancer and Registrar of this package
// use. NewClient returns the implementation backed by go.etcd.io/etcd/client/v3;
// tests may provide their own.
type Client interface {
	// GetEntries returns the values of all keys that start with prefix,
	// ordered by key.
	GetEntries(prefix string) ([]string, error)

	// WatchPrefix signals on ch once the watch is established and then after
	// every change under prefix; the receiver is expected to call GetEntries
	// after each signal. It blocks until the client is closed (or the
	// context given to NewClient ends).
	WatchPrefix(prefix string, ch chan struct{})

	// Register writes s.Key = s.Value attached to a lease of s.TTL and keeps
	// the lease alive until Deregister.
	Register(s Service) error

	// Deregister deletes s.Key and stops keeping its lease alive.
	Deregister(s Service) error

	// LeaseID returns the ID of the lease granted by the latest Register,
	// or 0 if none was granted.
	LeaseID() int64
}

// ClientOptions configures NewClient. All fields are optional; zero durations
// take the package defaults (DefaultDialTimeout, DefaultDialKeepAlive).
//
// TLS is used when Cert and Key name a PEM certificate and key; CACert, when
// set, names the PEM bundle that verifies the server. Username and Password
// enable etcd authentication. DialOptions are passed to gRPC as they are.
type ClientOptions struct {
	Cert          string
	Key           string
	CACert        string
	DialTimeout   time.Duration
	DialKeepAlive time.Duration

	// DialOptions are extra gRPC dial options (interceptors, grpc.WithBlock
	// to make NewClient wait until a connection is up, ...).
	DialOptions []grpc.DialOption

	Username string
	Password string
}

// client implements Client with go.etcd.io/etcd/client/v3.
type client struct {
	cli    *clientv3.Client
	ctx    context.Context // ends when the client is closed
	cancel context.CancelFunc
	closed chan struct{} // closed when Close has finished

	mu       sync.Mutex
	stop     func() bool // unregisters the AfterFunc on the caller's context; nil until set
	leaseID  clientv3.LeaseID
	regs     map[string]*registration // by key
	keyLocks map[string]*keyLock      // serialise Register/Deregister per key
	wg       sync.WaitGroup           // keep-alive goroutines
	closing  bool
}

// keyLock serialises the Register and Deregister calls of one key; refs
// counts the calls holding or waiting for it, so that it can be dropped from
// client.keyLocks when unused.
type keyLock struct {
	sem  chan struct{} // one slot
	refs int
}

// registration is one key kept alive by the client.
type registration struct {
	service Service
	lease   clientv3.LeaseID
	cancel  context.CancelFunc
	done    chan struct{}
}

// NewClient connects to the etcd cluster at machines ("host:port" or URLs)
// and returns a Client. The connection is made in the background unless
// options.DialOptions contains grpc.WithBlock; so an unreachable cluster shows
// up as errors of later calls.
//
// The returned Client also implements io.Closer: Close releases the
// connection and stops every goroutine the client started (keep-alives and
// watches). The client also closes itself when ctx ends. Deregister all
// services before closing; the leases of those that are not expire after their
// TTL.
func NewClient(ctx context.Context, machines []string, options ClientOptions) (Client, error) {
	if ctx == nil {
		return nil, errors.New("etcdv3: nil context")
	}
	if len(machines) == 0 {
		return nil, errors.New("etcdv3: no machines given")
	}
	if options.DialTimeout <= 0 {
		options.DialTimeout = DefaultDialTimeout
	}
	if options.DialKeepAlive <= 0 {
		options.DialKeepAlive = DefaultDialKeepAlive
	}
	var tlscfg *tls.Config
	if options.Cert != "" || options.Key != "" {
		if options.Cert == "" || options.Key == "" {
			return nil, errors.New("etcdv3: TLS needs both Cert and Key")
		}
		info := transport.TLSInfo{
			CertFile:      options.Cert,
			KeyFile:       options.Key,
			TrustedCAFile: options.CACert,
		}
		var err error
		if tlscfg, err = info.ClientConfig(); err != nil {
			return nil, fmt.Errorf("etcdv3: TLS configuration: %w", err)
		}
	}
	cli, err := clientv3.New(clientv3.Config{
		Endpoints:         machines,
		DialTimeout:       options.DialTimeout,
		DialKeepAliveTime: options.DialKeepAlive,
		DialOptions:       options.DialOptions,
		TLS:               tlscfg,
		Username:          options.Username,
		Password:          options.Password,
		Logger:            zap.NewNop(),
	})
	if err != nil {
		return nil, fmt.Errorf("etcdv3: connect: %w", err)
	}
	c := &client{
		cli:      cli,
		closed:   make(chan struct{}),
		regs:     map[string]*registration{},
		keyLocks: map[string]*keyLock{},
	}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	// With a ctx that is already done the AfterFunc runs Close at once, in
	// its own goroutine; Close reads c.stop under c.mu, so it sees either nil
	// or the assigned func, never a half-written one.
	c.mu.Lock()
	c.stop = context.AfterFunc(ctx, func() { _ = c.Close() })
	c.mu.Unlock()
	if ctx.Err() != nil {
		// Close now, so that the returned client is deterministically
		// closed (its calls return ErrClientClosed) rather than closing
		// some time later.
		_ = c.Close()
	}
	return c, nil
}

// Close stops the client's goroutines and closes its connection. It is safe
// to call more than once and from several goroutines; every call returns
// once the client is fully closed.
func (c *client) Close() error {
	c.mu.Lock()
	if c.closing {
		c.mu.Unlock()
		<-c.closed
		return nil
	}
	c.closing = true
	stop := c.stop
	for k, r := range c.regs {
		r.cancel()
		delete(c.regs, k)
	}
	c.mu.Unlock()
	defer close(c.closed)
	if stop != nil {
		stop()
	}
	c.cancel()
	c.wg.Wait()
	return c.cli.Close()
}

// lockKey waits until no other Register or Deregister of key runs and
// returns the function that releases key.
func (c *client) lockKey(key string) (unlock func()) {
	c.mu.Lock()
	kl := c.keyLocks[key]
	if kl == nil {
		kl = &keyLock{sem: make(chan struct{}, 1)}
		c.keyLocks[key] = kl
	}
	kl.refs++
	c.mu.Unlock()
	kl.sem <- struct{}{}
	return func() {
		<-kl.sem
		c.mu.Lock()
		kl.refs--
		if kl.refs == 0 {
			delete(c.keyLocks, key)
		}
		c.mu.Unlock()
	}
}

func (c *client) LeaseID() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return int64(c.leaseID)
}

func (c *client) isClosed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closing
}

// GetEntries implements Client.
func (c *client) GetEntries(prefix string) ([]string, error) {
	kvs, _, err := c.get(c.ctx, prefix)
	if err != nil {
		return nil, err
	}
	entries := make([]string, len(kvs))
	for i, kv := range kvs {
		entries[i] = kv.value
	}
	return entries, nil
}

type keyValue struct{ key, value string }

// get reads every key under prefix and the store revision of the read.
func (c *client) get(ctx context.Context, prefix string) ([]keyValue, int64, error) {
	if c.isClosed() {
		return nil, 0, ErrClientClosed
	}
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	resp, err := c.cli.Get(ctx, prefix, clientv3.WithPrefix(), clientv3.WithSort(clientv3.SortByKey, clientv3.SortAscend))
	if err != nil {
		if c.isClosed() {
			return nil, 0, ErrClientClosed
		}
		return nil, 0, fmt.Errorf("etcdv3: get %q: %w", prefix, err)
	}
	kvs := make([]keyValue, len(resp.Kvs))
	for i, kv := range resp.Kvs {
		kvs[i] = keyValue{key: string(kv.Key), value: string(kv.Value)}
	}
	return kvs, resp.Header.Revision, nil
}

// WatchPrefix implements Client. It returns when the client is closed.
// Signals are sent with a blocking send: the receiver must keep reading until
// the client is closed.
func (c *client) WatchPrefix(prefix string, ch chan struct{}) {
	ctx := clientv3.WithRequireLeader(c.ctx)
	for c.ctx.Err() == nil {
		wch := c.cli.Watch(ctx, prefix, clientv3.WithPrefix())
		if !c.send(ch) {
			return
		}
		for wr := range wch {
			if wr.Err() != nil {
				break // canceled: establish a new watch and signal again
			}
			if !c.send(ch) {
				return
			}
		}
		if backoff.Sleep(c.ctx, backoff.Jitter(500*time.Millisecond)) != nil {
			return
		}
	}
}

func (c *client) send(ch chan struct{}) bool {
	select {
	case ch <- struct{}{}:
		return true
	case <-c.ctx.Done():
		return false
	}
}

// watchFrom reports the key/values under prefix to update, starting with
// the full set and then after every change, until ctx or the client ends.
// It watches from the revision of each full read, so no change between the
// read and the watch is lost; when the watch breaks (compaction, lost leader)
// it reads again.
func (c *client) watchFrom(ctx context.Context, prefix string, update func([]keyValue, error)) {
	wait := backoff.New(100*time.Millisecond, 5*time.Second)
	for ctx.Err() == nil && c.ctx.Err() == nil {
		kvs, rev, err := c.get(ctx, prefix)
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, ErrClientClosed) {
				return
			}
			update(nil, err)
			if backoff.Sleep(ctx, wait.Next()) != nil {
				return
			}
			continue
		}
		wait.Reset()
		update(kvs, nil)
		state := make(map[string]string, len(kvs))
		for _, kv := range kvs {
			state[kv.key] = kv.value
		}
		wctx, cancel := context.WithCancel(clientv3.WithRequireLeader(ctx))
		stopOnClose := context.AfterFunc(c.ctx, cancel)
		wch := c.cli.Watch(wctx, prefix, clientv3.WithPrefix(), clientv3.WithRev(rev+1))
		for wr := range wch {
			if wr.Err() != nil {
				break
			}
			for _, ev := range wr.Events {
				switch ev.Type {
				case clientv3.EventTypePut:
					state[string(ev.Kv.Key)] = string(ev.Kv.Value)
				case clientv3.EventTypeDelete:
					delete(state, string(ev.Kv.Key))
				}
			}
			if len(wr.Events) > 0 {
				update(sortedState(state), nil)
			}
		}
		stopOnClose()
		cancel()
		if backoff.Sleep(ctx, wait.Next()) != nil {
			return
		}
	}
}

func sortedState(state map[string]string) []keyValue {
	kvs := make([]keyValue, 0, len(state))
	for k, v := range state {
		kvs = append(kvs, keyValue{k, v})
	}
	slices.SortFunc(kvs, func(a, b keyValue) int { return strings.Compare(a.key, b.key) })
	return kvs
}

// Register implements Client. A Service without TTL gets DefaultHeartbeat and
// DefaultTTL. The key is written attached to a fresh lease; a goroutine
// refreshes the lease every heartbeat and, if the lease is lost (it expired
// while the cluster was unreachable, or was revoked), grants a new one and
// writes the key again. Registering a key that is already registered by this
// client replaces the previous registration. A TTLOption not made by
// NewTTLOption (e.g. &TTLOption{}) gets NewTTLOption's rules.
//
// Register and Deregister calls of the same key are serialised: concurrent
// calls behave as if made one after the other, so exactly one registration
// (or none, after a Deregister) remains.
func (c *client) Register(s Service) error {
	if s.Key == "" {
		return ErrNoKey
	}
	if s.Value == "" {
		return ErrNoValue
	}
	if s.TTL == nil {
		s.TTL = NewTTLOption(DefaultHeartbeat, DefaultTTL)
	} else {
		s.TTL = NewTTLOption(s.TTL.heartbeat, s.TTL.ttl)
	}
	if c.isClosed() {
		return ErrClientClosed
	}
	defer c.lockKey(s.Key)()
	if err := c.dropReg(s.Key); err != nil {
		return err
	}

	lease, err := c.put(c.ctx, s)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(c.ctx)
	r := &registration{service: s, lease: lease, cancel: cancel, done: make(chan struct{})}
	c.mu.Lock()
	if c.closing {
		c.mu.Unlock()
		cancel()
		c.revoke(lease)
		return ErrClientClosed
	}
	c.regs[s.Key] = r
	c.leaseID = lease
	c.wg.Add(1)
	c.mu.Unlock()
	go c.keepAlive(ctx, r)
	return nil
}

// put grants a lease of the service's TTL and writes the key with it.
func (c *client) put(ctx context.Context, s Service) (clientv3.LeaseID, error) {
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	ttl := int64((s.TTL.ttl + time.Second - 1) / time.Second)
	grant, err := c.cli.Grant(ctx, ttl)
	if err != nil {
		return 0, fmt.Errorf("etcdv3: grant lease: %w", err)
	}
	if _, err := c.cli.Put(ctx, s.Key, s.Value, clientv3.WithLease(grant.ID)); err != nil {
		c.revoke(grant.ID)
		return 0, fmt.Errorf("etcdv3: put %q: %w", s.Key, err)
	}
	return grant.ID, nil
}

// keepAlive refreshes r's lease every heartbeat until ctx ends, recreating
// the lease and the key when etcd reports the lease gone. ctx ends (and the
// Register or Deregister that ended it waits for keepAlive to return) before
// r stops being the key's current registration, so keepAlive never writes the
// key of a replaced or deregistered registration.
func (c *client) keepAlive(ctx context.Context, r *registration) {
	defer c.wg.Done()
	defer close(r.done)
	t := time.NewTicker(r.service.TTL.heartbeat)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		kctx, cancel := context.WithTimeout(ctx, r.service.TTL.heartbeat)
		_, err := c.cli.KeepAliveOnce(kctx, r.lease)
		cancel()
		if err == nil || !errors.Is(err, rpctypes.ErrLeaseNotFound) {
			continue // refreshed, or etcd unreachable: try again next beat
		}
		lease, err := c.put(ctx, r.service)
		if err != nil {
			continue
		}
		if ctx.Err() != nil {
			// Replaced or deregistered while writing: undo the write
			// (revoking the lease deletes the key attached to it); the
			// caller that ended ctx writes or deletes the key after
			// this goroutine returns.
			c.revoke(lease)
			return
		}
		c.mu.Lock()
		r.lease = lease
		if c.regs[r.service.Key] == r {
			c.leaseID = lease
		}
		c.mu.Unlock()
	}
}

func (c *client) revoke(id clientv3.LeaseID) {
	if id == clientv3.NoLease {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
	defer cancel()
	_, _ = c.cli.Revoke(ctx, id)
}

// dropReg takes the key's registration (if any) out of c.regs, stops its
// keep-alive and revokes its lease. The caller holds the key's lock. It
// fails only when the client is closing.
func (c *client) dropReg(key string) error {
	c.mu.Lock()
	if c.closing {
		c.mu.Unlock()
		return ErrClientClosed
	}
	r := c.regs[key]
	delete(c.regs, key)
	c.mu.Unlock()
	if r != nil {
		r.cancel()
		<-r.done
		c.revoke(r.lease)
	}
	return nil
}

// Deregister implements Client: it stops the key's keep-alive, revokes its
// lease and deletes the key. Deregistering a key this client did not register
// just deletes it.
func (c *client) Deregister(s Service) error {
	if s.Key == "" {
		return ErrNoKey
	}
	if c.isClosed() {
		return ErrClientClosed
	}
	defer c.lockKey(s.Key)()
	if err := c.dropReg(s.Key); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.ctx, requestTimeout)
	defer cancel()
	if _, err := c.cli.Delete(ctx, s.Key); err != nil {
		return fmt.Errorf("etcdv3: delete %q: %w", s.Key, err)
	}
	return nil
}
