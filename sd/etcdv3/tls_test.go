package etcdv3_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/seedkit/kit/sd/etcdv3"
)

// pki writes a CA and a server and a client certificate signed by it.
type pki struct{ ca, serverCert, serverKey, clientCert, clientKey string }

func newPKI(t *testing.T) pki {
	t.Helper()
	dir := t.TempDir()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "kit test CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		KeyUsage:              x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	write := func(name, typ string, der []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	leaf := func(name string, serial int64, usage x509.ExtKeyUsage) (string, string) {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(serial),
			Subject:      pkix.Name{CommonName: name},
			NotBefore:    time.Now().Add(-time.Hour),
			NotAfter:     time.Now().Add(time.Hour),
			KeyUsage:     x509.KeyUsageDigitalSignature,
			ExtKeyUsage:  []x509.ExtKeyUsage{usage},
			IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &key.PublicKey, caKey)
		if err != nil {
			t.Fatal(err)
		}
		keyDER, err := x509.MarshalECPrivateKey(key)
		if err != nil {
			t.Fatal(err)
		}
		return write(name+".pem", "CERTIFICATE", der), write(name+"-key.pem", "EC PRIVATE KEY", keyDER)
	}
	p := pki{ca: write("ca.pem", "CERTIFICATE", caDER)}
	p.serverCert, p.serverKey = leaf("server", 2, x509.ExtKeyUsageServerAuth)
	p.clientCert, p.clientKey = leaf("client", 3, x509.ExtKeyUsageClientAuth)
	return p
}

// The TLS options (client certificate, CA) against an etcd that requires
// client certificates.
func TestClientTLS(t *testing.T) {
	t.Parallel()
	etcdAddr(t) // integration tests run only with servers
	certs := newPKI(t)
	opts := etcdv3.ClientOptions{Cert: certs.clientCert, Key: certs.clientKey, CACert: certs.ca}
	srv := startPrivateEtcdWith(t, "https", opts,
		"--cert-file", certs.serverCert, "--key-file", certs.serverKey,
		"--client-cert-auth", "--trusted-ca-file", certs.ca)

	c, err := etcdv3.NewClient(context.Background(), []string{srv.client}, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer c.(io.Closer).Close()
	s := etcdv3.Service{Key: "/tls/a", Value: "10.0.0.1:80"}
	if err := c.Register(s); err != nil {
		t.Fatalf("Register over TLS: %v", err)
	}
	if got, err := c.GetEntries("/tls/"); err != nil || !slices.Equal(got, []string{s.Value}) {
		t.Fatalf("GetEntries over TLS: got %v, %v", got, err)
	}
	if err := c.Deregister(s); err != nil {
		t.Fatal(err)
	}

	// Without a client certificate the server refuses the requests.
	plain, err := etcdv3.NewClient(context.Background(), []string{srv.client}, etcdv3.ClientOptions{DialTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer plain.(io.Closer).Close()
	if _, err := plain.GetEntries("/tls/"); err == nil {
		t.Error("GetEntries without TLS: got nil error")
	}
}
