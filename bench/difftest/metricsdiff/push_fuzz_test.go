package metricsdiff_test

import (
	"math"
	"testing"
)

// pushScriptFrom decodes a fuzzed script: three bytes per step (kind,
// metric and label list, value), values drawn from x and a few constants.
// Scripts keep to what kit documents as equal: on emitters that sample
// locally a rate strictly between 0 and 1 is replaced by 1, and on
// dogstatsd and influxstatsd gauge 0 is only used without labels and gauge 1
// only with a non-empty label list (see TestGaugeWithStartsFrom).
func pushScriptFrom(b pushBackend, data []byte, x, rate float64) pushScript {
	values := []float64{x, -x, 0, 1, 2.5, -3, 1e-7, x * 1e6, math.Floor(x)}
	s := pushScript{prefix: "p.", rates: [2]float64{rate, 1}}
	if b.labels {
		s.global = []string{"env", "fz"}
	}
	if b.localSampling && rate > 0 && rate < 1 {
		s.rates[0] = 1
	}
	for i := 0; i+2 < len(data); i += 3 {
		op := pushOp{
			kind:   opKind(data[i]) % opKinds,
			metric: int(data[i+1] & 1),
			labels: int(data[i+1]>>1)%(len(pushLabels)+1) - 1,
			v:      values[int(data[i+2])%len(values)],
		}
		if b.labels && (op.kind == opGaugeSet || op.kind == opGaugeAdd) {
			if op.metric == 0 {
				op.labels = -1
			} else if op.labels < 1 {
				op.labels = 1
			}
		}
		s.ops = append(s.ops, op)
	}
	if b.gaugeRestarts {
		s.ops = setBeforeAdd(s.ops)
	}
	return s
}

func FuzzPush(f *testing.F) {
	f.Add([]byte{0, 0, 0, 1, 2, 3, 2, 3, 4, 5, 0, 0, 3, 5, 6, 4, 7, 8}, 1.5, 1.0)
	f.Add([]byte{0, 1, 1, 0, 3, 0, 5, 0, 0, 0, 1, 1}, -2.0, 0.5)
	f.Add([]byte{1, 0, 0, 2, 0, 1, 5, 0, 0, 2, 0, 1, 1, 3, 4, 2, 5, 4}, math.Inf(1), 0.0)
	f.Add([]byte{3, 16, 0, 4, 15, 1, 3, 1, 7, 5, 5, 5}, math.NaN(), math.NaN())
	f.Add([]byte{0, 255, 8, 1, 254, 7, 2, 253, 6, 3, 252, 5, 4, 251, 4}, 1e300, 2.0)
	f.Fuzz(func(t *testing.T, data []byte, x, rate float64) {
		if len(data) > 600 {
			data = data[:600]
		}
		for _, b := range pushBackends {
			runPush(t, b, pushScriptFrom(b, data, x, rate))
		}
	})
}
