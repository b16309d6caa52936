package logdiff_test

import (
	"io"
	"testing"

	gokitlevels "github.com/go-kit/kit/log/deprecated_levels" //lint:ignore SA1019 compared on purpose
	gokitlogrus "github.com/go-kit/kit/log/logrus"
	gokitzap "github.com/go-kit/kit/log/zap"
	gokitsyslog "github.com/go-kit/log/syslog"
	levels "github.com/seedkit/kit/log/deprecated_levels" //lint:ignore SA1019 compared on purpose
	kitlogrus "github.com/seedkit/kit/log/logrus"
	"github.com/seedkit/kit/log/syslog"
	kitzap "github.com/seedkit/kit/log/zap"
	"go.uber.org/zap/zapcore"
)

// TestNilArguments: where Go kit panics on a nil logger or writer, kit's
// constructors document that they return a logger that discards events.
// When Go kit does not fail, both must agree.
func TestNilArguments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		kit, gokit func(io.Writer) logger
	}{
		{"logrus", func(io.Writer) logger { return kitlogrus.NewLogger(nil) },
			func(io.Writer) logger { return gokitlogrus.NewLogger(nil) }},
		{"zap", func(io.Writer) logger { return kitzap.NewZapSugarLogger(nil, zapcore.InfoLevel) },
			func(io.Writer) logger { return gokitzap.NewZapSugarLogger(nil, zapcore.InfoLevel) }},
		{"syslog", func(io.Writer) logger { return syslog.NewSyslogLogger(nil, nil) },
			func(io.Writer) logger { return gokitsyslog.NewSyslogLogger(nil, nil) }},
		{"deprecated levels", func(io.Writer) logger { return levels.New(nil).Info() },
			func(io.Writer) logger { return gokitlevels.New(nil).Info() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := logOnce(tt.kit, []any{"a", 1})
			if got.failed() || got.out != "" {
				t.Errorf("kit: %v", got)
			}
			if want := logOnce(tt.gokit, []any{"a", 1}); !want.failed() && want.String() != got.String() {
				t.Errorf("kit %v, Go kit %v", got, want)
			}
		})
	}
}
