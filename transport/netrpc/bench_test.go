package netrpc_test

import (
	"context"
	"testing"

	"github.com/seedkit/kit/transport/netrpc"
)

func BenchmarkRoundTrip(b *testing.B) {
	client := serve(b, registerSum())
	sum := netrpc.NewClient[SumRequest, SumReply](client, netrpc.ServiceMethod("Sum"), nil, nil)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := sum(ctx, SumRequest{2, 3}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
