package logdiff_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"

	gokitlogrus "github.com/go-kit/kit/log/logrus"
	kitlogrus "github.com/seedkit/kit/log/logrus"
	"github.com/sirupsen/logrus"
)

// logrusHook records every entry it sees.
type logrusHook struct{ entries []string }

func (h *logrusHook) Levels() []logrus.Level { return logrus.AllLevels }

func (h *logrusHook) Fire(e *logrus.Entry) error {
	keys := make([]string, 0, len(e.Data))
	for k := range e.Data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var fields []string
	for _, k := range keys {
		fields = append(fields, fmt.Sprintf("%s=%v(%T)", k, e.Data[k], e.Data[k]))
	}
	h.entries = append(h.entries, fmt.Sprintf("%s %q {%s}", e.Level, e.Message, strings.Join(fields, " ")))
	return nil
}

// newLogrus returns a logrus logger at TraceLevel that formats entries
// without timestamps into out, records them in a hook, and counts exits.
func newLogrus(out io.Writer, exits *int) (*logrus.Logger, *logrusHook) {
	l := logrus.New()
	l.SetOutput(out)
	l.SetLevel(logrus.TraceLevel)
	l.SetFormatter(&logrus.TextFormatter{DisableTimestamp: true, DisableColors: true, DisableSorting: false})
	l.ExitFunc = func(int) { *exits++ }
	h := &logrusHook{}
	l.AddHook(h)
	return l, h
}

// logrusEvents logs the test events through l, recovering panics.
func logrusEvents(l logger) []string {
	var res []string
	for _, kv := range [][]any{
		{"msg", "hello", "a", 1},
		{"a", 1, "b", "two"},
		{"msg", 42},
		{"msg", nil},
		{"msg", "first", "msg", "second"},
		{"odd"},
		{"a", 1, "a", 2},
		{1, "int key", nil, "nil key", str("s"), "stringer key"},
		{"err", errors.New("boom"), "error", errors.New("as error key")},
		{"level", "custom", "time", "t", "func", "f"},
		{},
	} {
		o := logOnce(func(io.Writer) logger { return l }, kv)
		res = append(res, fmt.Sprintf("%v/%v", o.err, o.panicked))
	}
	return res
}

func TestLogrus(t *testing.T) {
	t.Parallel()
	levels := append([]logrus.Level(nil), logrus.AllLevels...)
	levels = append(levels, logrus.Level(42))
	for _, lvl := range levels {
		t.Run(fmt.Sprint(lvl), func(t *testing.T) {
			t.Parallel()
			var out [2]string
			var exits [2]int
			for i := range 2 {
				var buf bytes.Buffer
				ll, hook := newLogrus(&buf, &exits[i])
				var l logger
				if i == 0 {
					l = kitlogrus.NewLogger(ll, kitlogrus.WithLevel(lvl))
				} else {
					l = gokitlogrus.NewLogger(ll, gokitlogrus.WithLevel(lvl))
				}
				res := logrusEvents(l)
				// And through an Entry with fields of its own.
				if i == 0 {
					l = kitlogrus.NewLogger(ll.WithField("base", true), kitlogrus.WithLevel(lvl))
				} else {
					l = gokitlogrus.NewLogger(ll.WithField("base", true), gokitlogrus.WithLevel(lvl))
				}
				res = append(res, logrusEvents(l)...)
				out[i] = strings.Join(res, " ") + "\n" + strings.Join(hook.entries, "\n") + "\n" + buf.String()
			}
			if out[0] != out[1] || exits[0] != exits[1] {
				t.Errorf("kit (%d exits):\n%s\nGo kit (%d exits):\n%s", exits[0], out[0], exits[1], out[1])
			}
		})
	}
}
