package awslambda_test

import (
	"context"
	"testing"

	"github.com/seedkit/kit/transport/awslambda"
)

func BenchmarkInvoke(b *testing.B) {
	h := awslambda.NewHandler(sum, decodeSum, encodeJSON)
	ctx := context.Background()
	payload := []byte(`{"A":2,"B":3}`)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := h.Invoke(ctx, payload); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
