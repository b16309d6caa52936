package influx_test

import (
	"fmt"
	"time"

	influxdb "github.com/influxdata/influxdb1-client/v2"

	"github.com/seedkit/kit/metrics/influx"
)

// printer is a BatchPointsWriter printing the line protocol; in production
// pass an influxdb.Client.
type printer struct{}

func (printer) Write(bp influxdb.BatchPoints) error {
	for _, p := range bp.Points() {
		fmt.Println(p.String())
	}
	return nil
}

func Example() {
	in := influx.New(map[string]string{"service": "api"}, influxdb.BatchPointsConfig{Database: "metrics"}, nil)
	in.SetClock(func() time.Time { return time.Unix(1700000000, 0) })
	requests := in.NewCounter("requests").With("code", "200")
	requests.Add(2)
	in.NewGauge("inflight").Set(3)

	_ = in.WriteTo(printer{})
	// Output:
	// requests,code=200,service=api count=2 1700000000000000000
	// inflight,service=api value=3 1700000000000000000
}
