// Package conn keeps a network connection alive for writers that must not
// block on a broken peer, as Go kit's util/conn does.
//
// A Manager owns one connection to a network address. It dials in the
// background; Take returns the current connection (nil while there is none),
// and Put reports how using it went: a non-nil error makes the Manager close
// the connection and dial again. A failed dial is retried after a delay that
// grows exponentially with jitter (Exponential), from about two seconds to
// at most a minute, and falls back to one second after a success. Write
// combines the three steps. The push metrics backends (graphite, statsd,
// dogstatsd, influxstatsd) write through a Manager.
//
// # Beyond Go kit
//
// Go kit's Manager runs a goroutine that can never be stopped. kit's Manager
// has Close, which closes the connection and stops the goroutine; after it,
// Take returns nil, Put does nothing and Write fails with
// ErrConnectionUnavailable. NewManager accepts nil for its Dialer, AfterFunc
// and Logger (net.Dial, time.After and no logging).
//
// # Concurrency
//
// A Manager is safe for concurrent use, but it hands out one connection:
// callers that Take it concurrently share it, and each should Put once.
//
// # Example
//
//	package main
//
//	import (
//		"os"
//
//		"github.com/seedkit/kit/log"
//		"github.com/seedkit/kit/util/conn"
//	)
//
//	func main() {
//		m := conn.NewDefaultManager("udp", "localhost:8125", log.NewLogfmtLogger(os.Stderr))
//		defer m.Close()
//		m.Write([]byte("requests:1|c\n")) // fails with ErrConnectionUnavailable while disconnected
//	}
package conn
