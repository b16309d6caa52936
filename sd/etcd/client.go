package etcd

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"

	"github.com/seedkit/kit/sd/internal/backoff"
)

// errNilClient is returned (or logged) when a nil Client is given.
var errNilClient = errors.New("etcd: nil client")

var (
	// ErrNoKey is returned by Register and Deregister when the Service has
	// an empty Key.
	ErrNoKey = errors.New("no key provided")

	// ErrNoValue is returned by Register when the Service has an empty
	// Value.
	ErrNoValue = errors.New("no value provided")

	// ErrKeyExists is returned by Register of a Service without TTL when the
	// key already exists, like the etcd v2 create operation that Go kit used.
	ErrKeyExists = errors.New("etcd: key already exists")

	// ErrCompareFailed is returned by Deregister when DeleteOptions.PrevValue
	// or PrevIndex do not match the key.
	ErrCompareFailed = errors.New("etcd: compare failed")

	// ErrClientClosed is returned by the methods of the Client made by
	// NewClient once it is closed.
	ErrClientClosed = errors.New("etcd: client closed")
)

// Defaults applied by NewClient to zero ClientOptions fields.
const (
	DefaultDialTimeout             = 3 * time.Second
	DefaultDialKeepAlive           = 3 * time.Second
	DefaultHeaderTimeoutPerRequest = 3 * time.Second
)

// Client is the part of etcd that the Instancer and Registrar of this package
// use. NewClient returns the implementation; tests may provide their own.
type Client interface {
	// GetEntries returns the values stored at prefix and below it, like a
	// recursive get of the etcd v2 keys API: the key prefix itself and every
	// key under prefix + "/" (not "/prefixfoo").
	GetEntries(prefix string) ([]string, error)

	// WatchPrefix signals on ch once the watch is established and then after
	// every change at or under prefix; the receiver is expected to call
	// GetEntries after each signal. It blocks until the client is closed
	// (or the context given to NewClient ends).
	WatchPrefix(prefix string, ch chan struct{})

	// Register writes s.Key = s.Value. With s.TTL the key expires TTL after
	// the latest Register (the Registrar calls Register every heartbeat);
	// without, the key is created and must not exist yet.
	Register(s Service) error

	// Deregister deletes s.Key, honouring s.DeleteOptions.
	Deregister(s Service) error
}

// ClientOptions configures NewClient. All fields are optional; zero durations
// take the package defaults.
//
// TLS is used when Cert and Key name a PEM certificate and key; CACert, when
// set, names the PEM bundle that verifies the server. HeaderTimeoutPerRequest
// bounds each request (not watches).
type ClientOptions struct {
	Cert                    string
	Key                     string
	CACert                  string
	DialTimeout             time.Duration
	DialKeepAlive           time.Duration
	HeaderTimeoutPerRequest time.Duration
}

// DeleteOptions are the conditions of a Deregister; they stand for the
// DeleteOptions of the etcd v2 client (go.etcd.io/etcd/client/v2), whose
// fields they copy.
type DeleteOptions struct {
	// PrevValue, when set, makes the delete succeed only if the key holds
	// this value; ErrCompareFailed otherwise.
	PrevValue string

	// PrevIndex, when set, makes the delete succeed only if the key was last
	// modified at this etcd revision; ErrCompareFailed otherwise.
	PrevIndex uint64

	// Recursive also deletes every key under Key + "/".
	Recursive bool

	// Dir is accepted for compatibility; etcd v3 has no directories.
	Dir bool
}

type client struct {
	cli     *clientv3.Client
	timeout time.Duration
	ctx     context.Context // ends when the client is closed
	cancel  context.CancelFunc
	closed  chan struct{} // closed when Close has finished

	mu       sync.Mutex
	stop     func() bool                 // unregisters the AfterFunc on the caller's context; nil until set
	leases   map[string]clientv3.LeaseID // TTL keys written by this client
	keyLocks map[string]*keyLock         // serialise Register/Deregister per key
	closing  bool
}

// keyLock serialises the Register and Deregister calls of one key; refs
// counts the calls holding or waiting for it, so that it can be dropped from
// client.keyLocks when unused.
type keyLock struct {
	sem  chan struct{} // one slot
	refs int
}

// NewClient returns a Client of the etcd cluster at machines, which may be
// URLs ("http://127.0.0.1:2379", as Go kit required) or "host:port". It speaks
// the etcd v3 protocol (etcd 3.4 and later dropped the v2 API), so a program
// written for Go kit's sd/etcd keeps working on a current etcd; keys written
// with the v2 API are not visible to it.
//
// The connection is made in the background; an unreachable cluster shows up
// as errors of later calls. The returned Client also implements io.Closer:
// Close releases the connection and every goroutine; the client also closes
// itself when ctx ends.
func NewClient(ctx context.Context, machines []string, options ClientOptions) (Client, error) {
	if ctx == nil {
		return nil, errors.New("etcd: nil context")
	}
	if len(machines) == 0 {
		return nil, errors.New("etcd: no machines given")
	}
	if options.DialTimeout <= 0 {
		options.DialTimeout = DefaultDialTimeout
	}
	if options.DialKeepAlive <= 0 {
		options.DialKeepAlive = DefaultDialKeepAlive
	}
	if options.HeaderTimeoutPerRequest <= 0 {
		options.HeaderTimeoutPerRequest = DefaultHeaderTimeoutPerRequest
	}
	var tlscfg *tls.Config
	if options.Cert != "" || options.Key != "" {
		if options.Cert == "" || options.Key == "" {
			return nil, errors.New("etcd: TLS needs both Cert and Key")
		}
		cert, err := tls.LoadX509KeyPair(options.Cert, options.Key)
		if err != nil {
			return nil, fmt.Errorf("etcd: TLS key pair: %w", err)
		}
		tlscfg = &tls.Config{Certificates: []tls.Certificate{cert}}
		if options.CACert != "" {
			pem, err := os.ReadFile(options.CACert)
			if err != nil {
				return nil, fmt.Errorf("etcd: TLS CA: %w", err)
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("etcd: TLS CA: no certificate in %s", options.CACert)
			}
			tlscfg.RootCAs = pool
		}
	}
	cli, err := clientv3.New(clientv3.Config{
		Endpoints:         machines,
		DialTimeout:       options.DialTimeout,
		DialKeepAliveTime: options.DialKeepAlive,
		TLS:               tlscfg,
		Logger:            zap.NewNop(),
	})
	if err != nil {
		return nil, fmt.Errorf("etcd: connect: %w", err)
	}
	c := &client{
		cli:      cli,
		timeout:  options.HeaderTimeoutPerRequest,
		closed:   make(chan struct{}),
		leases:   map[string]clientv3.LeaseID{},
		keyLocks: map[string]*keyLock{},
	}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	// With a ctx that is already done the AfterFunc runs Close at once, in
	// its own goroutine; Close reads c.stop under c.mu, so it sees either nil
	// or the assigned func.
	c.mu.Lock()
	c.stop = context.AfterFunc(ctx, func() { _ = c.Close() })
	c.mu.Unlock()
	if ctx.Err() != nil {
		// Close now, so that the returned client is deterministically
		// closed (its calls return ErrClientClosed).
		_ = c.Close()
	}
	return c, nil
}

// Close releases the connection. It is safe to call more than once and from
// several goroutines; every call returns once the client is fully closed.
func (c *client) Close() error {
	c.mu.Lock()
	if c.closing {
		c.mu.Unlock()
		<-c.closed
		return nil
	}
	c.closing = true
	stop := c.stop
	c.mu.Unlock()
	defer close(c.closed)
	if stop != nil {
		stop()
	}
	c.cancel()
	return c.cli.Close()
}

// lockKey waits until no other Register or Deregister of key runs and
// returns the function that releases key. Every holder's requests are bounded
// by the client's request timeout, so waiting is bounded too.
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

func (c *client) isClosed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closing
}

func (c *client) wrap(op, key string, err error) error {
	if c.isClosed() {
		return ErrClientClosed
	}
	return fmt.Errorf("etcd: %s %q: %w", op, key, err)
}

// dirPrefix is the prefix of the keys below key in the v2 hierarchy.
func dirPrefix(key string) string { return strings.TrimSuffix(key, "/") + "/" }

// GetEntries implements Client.
func (c *client) GetEntries(prefix string) ([]string, error) {
	if c.isClosed() {
		return nil, ErrClientClosed
	}
	ctx, cancel := context.WithTimeout(c.ctx, c.timeout)
	defer cancel()
	base := strings.TrimSuffix(prefix, "/")
	resp, err := c.cli.Get(ctx, base, clientv3.WithPrefix(), clientv3.WithSort(clientv3.SortByKey, clientv3.SortAscend))
	if err != nil {
		return nil, c.wrap("get", prefix, err)
	}
	below := dirPrefix(prefix)
	entries := make([]string, 0, len(resp.Kvs))
	for _, kv := range resp.Kvs {
		k := string(kv.Key)
		if k == base || k == prefix || strings.HasPrefix(k, below) {
			entries = append(entries, string(kv.Value))
		}
	}
	return entries, nil
}

// WatchPrefix implements Client. Signals are sent with a blocking send: the
// receiver must keep reading until the client is closed.
func (c *client) WatchPrefix(prefix string, ch chan struct{}) {
	c.watch(c.ctx, prefix, ch)
}

// watch is WatchPrefix until ctx ends or the client is closed.
func (c *client) watch(ctx context.Context, prefix string, ch chan struct{}) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(c.ctx, cancel)()
	base := strings.TrimSuffix(prefix, "/")
	below := dirPrefix(prefix)
	wctx := clientv3.WithRequireLeader(ctx)
	for ctx.Err() == nil {
		wch := c.cli.Watch(wctx, base, clientv3.WithPrefix())
		if !send(ctx, ch) {
			return
		}
		for wr := range wch {
			if wr.Err() != nil {
				break // canceled: watch again and signal, so nothing is missed
			}
			relevant := false
			for _, ev := range wr.Events {
				k := string(ev.Kv.Key)
				relevant = relevant || k == base || strings.HasPrefix(k, below)
			}
			if relevant && !send(ctx, ch) {
				return
			}
		}
		if backoff.Sleep(ctx, backoff.Jitter(500*time.Millisecond)) != nil {
			return
		}
	}
}

func send(ctx context.Context, ch chan struct{}) bool {
	select {
	case ch <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

// Register implements Client. With a TTL, the first Register grants a lease
// of that TTL and writes the key with it; later ones refresh the lease (the
// v2 "set with TTL" refresh), and grant a new one if it was lost. A TTLOption
// not made by NewTTLOption (e.g. &TTLOption{}) gets NewTTLOption's rules.
//
// Register and Deregister calls of the same key are serialised: concurrent
// calls behave as if made one after the other, so the key is written with one
// lease at a time, and once a Deregister returns no lease of an earlier
// Register is left alive.
func (c *client) Register(s Service) error {
	if s.Key == "" {
		return ErrNoKey
	}
	if s.Value == "" {
		return ErrNoValue
	}
	if c.isClosed() {
		return ErrClientClosed
	}
	defer c.lockKey(s.Key)()
	if c.isClosed() {
		return ErrClientClosed
	}
	ctx, cancel := context.WithTimeout(c.ctx, c.timeout)
	defer cancel()
	if s.TTL == nil {
		resp, err := c.cli.Txn(ctx).
			If(clientv3.Compare(clientv3.CreateRevision(s.Key), "=", 0)).
			Then(clientv3.OpPut(s.Key, s.Value)).
			Commit()
		if err != nil {
			return c.wrap("create", s.Key, err)
		}
		if !resp.Succeeded {
			return fmt.Errorf("%w: %q", ErrKeyExists, s.Key)
		}
		return nil
	}
	c.mu.Lock()
	lease, ok := c.leases[s.Key]
	c.mu.Unlock()
	if ok {
		_, err := c.cli.KeepAliveOnce(ctx, lease)
		if err == nil {
			// The lease is alive; rewrite the key only if it changed, so
			// that a refresh does not wake every watcher.
			_, err := c.cli.Txn(ctx).
				If(clientv3.Compare(clientv3.Value(s.Key), "=", s.Value),
					clientv3.Compare(clientv3.LeaseValue(s.Key), "=", lease)).
				Else(clientv3.OpPut(s.Key, s.Value, clientv3.WithLease(lease))).
				Commit()
			if err != nil {
				return c.wrap("set", s.Key, err)
			}
			return nil
		}
		if !errors.Is(err, rpctypes.ErrLeaseNotFound) {
			return c.wrap("refresh", s.Key, err)
		}
	}
	ttl := int64((s.TTL.normalized().ttl + time.Second - 1) / time.Second)
	grant, err := c.cli.Grant(ctx, ttl)
	if err != nil {
		return c.wrap("grant lease for", s.Key, err)
	}
	if _, err := c.cli.Put(ctx, s.Key, s.Value, clientv3.WithLease(grant.ID)); err != nil {
		_, _ = c.cli.Revoke(ctx, grant.ID)
		return c.wrap("set", s.Key, err)
	}
	c.mu.Lock()
	c.leases[s.Key] = grant.ID
	c.mu.Unlock()
	return nil
}

// Deregister implements Client: it deletes the key (and, with
// DeleteOptions.Recursive, the keys below it) and revokes the lease this
// client wrote the key with. It is serialised with the Register and
// Deregister calls of the same key.
func (c *client) Deregister(s Service) error {
	if s.Key == "" {
		return ErrNoKey
	}
	if c.isClosed() {
		return ErrClientClosed
	}
	defer c.lockKey(s.Key)()
	if c.isClosed() {
		return ErrClientClosed
	}
	ctx, cancel := context.WithTimeout(c.ctx, c.timeout)
	defer cancel()
	opts := s.DeleteOptions
	if opts == nil {
		opts = &DeleteOptions{}
	}
	var cmps []clientv3.Cmp
	if opts.PrevValue != "" {
		cmps = append(cmps, clientv3.Compare(clientv3.Value(s.Key), "=", opts.PrevValue))
	}
	if opts.PrevIndex != 0 {
		cmps = append(cmps, clientv3.Compare(clientv3.ModRevision(s.Key), "=", int64(opts.PrevIndex)))
	}
	ops := []clientv3.Op{clientv3.OpDelete(s.Key)}
	if opts.Recursive {
		ops = append(ops, clientv3.OpDelete(dirPrefix(s.Key), clientv3.WithPrefix()))
	}
	resp, err := c.cli.Txn(ctx).If(cmps...).Then(ops...).Commit()
	if err != nil {
		return c.wrap("delete", s.Key, err)
	}
	if !resp.Succeeded {
		return fmt.Errorf("%w: %q", ErrCompareFailed, s.Key)
	}
	c.mu.Lock()
	lease, ok := c.leases[s.Key]
	delete(c.leases, s.Key)
	c.mu.Unlock()
	if ok {
		_, _ = c.cli.Revoke(ctx, lease)
	}
	return nil
}
