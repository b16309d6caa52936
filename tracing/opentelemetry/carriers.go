package opentelemetry

import (
	"strings"

	"github.com/nats-io/nats.go"
	amqp "github.com/rabbitmq/amqp091-go"
	"google.golang.org/grpc/metadata"

	"go.opentelemetry.io/otel/propagation"
)

// MetadataCarrier adapts gRPC metadata to propagation.TextMapCarrier. gRPC
// metadata keys are lower case; Get and Set lower-case the key. Set replaces
// any value under the key. A nil MetadataCarrier.MD reads as empty; Set
// allocates it.
type MetadataCarrier struct{ MD *metadata.MD }

var _ propagation.TextMapCarrier = MetadataCarrier{}

// Get returns the first value under key, or "".
func (c MetadataCarrier) Get(key string) string {
	if c.MD == nil {
		return ""
	}
	if v := c.MD.Get(key); len(v) > 0 {
		return v[0]
	}
	return ""
}

// Set stores value as the only value under key.
func (c MetadataCarrier) Set(key, value string) {
	if c.MD == nil {
		return
	}
	if *c.MD == nil {
		*c.MD = metadata.MD{}
	}
	c.MD.Set(key, value)
}

// Keys returns the keys present.
func (c MetadataCarrier) Keys() []string {
	if c.MD == nil {
		return nil
	}
	keys := make([]string, 0, len(*c.MD))
	for k := range *c.MD {
		keys = append(keys, k)
	}
	return keys
}

// NATSHeaderCarrier adapts the headers of a NATS message to
// propagation.TextMapCarrier. NATS headers are case-sensitive: Set stores the
// key as given, and Get prefers an exact match, then falls back to a
// case-insensitive one, so that headers written by other clients in another
// case are still found. Set allocates Msg.Header when it is nil; a nil Msg
// reads as empty and ignores Set.
type NATSHeaderCarrier struct{ Msg *nats.Msg }

var _ propagation.TextMapCarrier = NATSHeaderCarrier{}

// Get returns the first value under key, or "".
func (c NATSHeaderCarrier) Get(key string) string {
	if c.Msg == nil || c.Msg.Header == nil {
		return ""
	}
	if v := c.Msg.Header[key]; len(v) > 0 {
		return v[0]
	}
	for k, v := range c.Msg.Header {
		if len(v) > 0 && strings.EqualFold(k, key) {
			return v[0]
		}
	}
	return ""
}

// Set stores value as the only value under key.
func (c NATSHeaderCarrier) Set(key, value string) {
	if c.Msg == nil {
		return
	}
	if c.Msg.Header == nil {
		c.Msg.Header = nats.Header{}
	}
	c.Msg.Header.Set(key, value)
}

// Keys returns the keys present.
func (c NATSHeaderCarrier) Keys() []string {
	if c.Msg == nil {
		return nil
	}
	keys := make([]string, 0, len(c.Msg.Header))
	for k := range c.Msg.Header {
		keys = append(keys, k)
	}
	return keys
}

// AMQPTableCarrier adapts an AMQP header table to
// propagation.TextMapCarrier. Get reads string and []byte values (what other
// clients write) and ignores values of other types; lookups try the exact
// key, then a case-insensitive match. Set stores strings and allocates the
// table when it is nil; a nil Table pointer reads as empty and ignores Set.
type AMQPTableCarrier struct{ Table *amqp.Table }

var _ propagation.TextMapCarrier = AMQPTableCarrier{}

// Get returns the value under key as a string, or "".
func (c AMQPTableCarrier) Get(key string) string {
	if c.Table == nil || *c.Table == nil {
		return ""
	}
	if v, ok := (*c.Table)[key]; ok {
		return tableString(v)
	}
	for k, v := range *c.Table {
		if strings.EqualFold(k, key) {
			return tableString(v)
		}
	}
	return ""
}

func tableString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	}
	return ""
}

// Set stores value under key.
func (c AMQPTableCarrier) Set(key, value string) {
	if c.Table == nil {
		return
	}
	if *c.Table == nil {
		*c.Table = amqp.Table{}
	}
	(*c.Table)[key] = value
}

// Keys returns the keys present.
func (c AMQPTableCarrier) Keys() []string {
	if c.Table == nil {
		return nil
	}
	keys := make([]string, 0, len(*c.Table))
	for k := range *c.Table {
		keys = append(keys, k)
	}
	return keys
}
