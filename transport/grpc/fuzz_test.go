package grpc_test

import (
	"encoding/base64"
	"strings"
	"testing"

	kitgrpc "github.com/seedkit/kit/transport/grpc"
)

// EncodeKeyValue lower-cases every key and base64-encodes exactly the
// values of binary keys, reversibly.
func FuzzEncodeKeyValue(f *testing.F) {
	f.Add("X-Request-ID", "abc")
	f.Add("Trace-BIN", "\x00\xff")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, key, val string) {
		k, v := kitgrpc.EncodeKeyValue(key, val)
		if k != strings.ToLower(key) {
			t.Fatalf("key %q became %q", key, k)
		}
		if !strings.HasSuffix(k, "-bin") {
			if v != val {
				t.Fatalf("value of %q changed: %q -> %q", key, val, v)
			}
			return
		}
		raw, err := base64.StdEncoding.DecodeString(v)
		if err != nil || string(raw) != val {
			t.Fatalf("binary value %q encoded as %q, which decodes to %q, %v", val, v, raw, err)
		}
	})
}
