package apicompat_test

import (
	"github.com/sirupsen/logrus"

	"github.com/seedkit/kit/log"
	kitlogrus "github.com/seedkit/kit/log/logrus"
)

var (
	// type Logger struct { _ unexported }; func (l Logger) Log(keyvals ...interface{}) error
	_ func(kitlogrus.Logger, ...any) error = kitlogrus.Logger.Log
	_ log.Logger                           = kitlogrus.Logger{}
	// type Option func(*Logger)
	_ kitlogrus.Option        = func(*kitlogrus.Logger) {}
	_ func(*kitlogrus.Logger) = kitlogrus.Option(nil)

	_ func(logrus.FieldLogger, ...kitlogrus.Option) log.Logger = kitlogrus.NewLogger
	_ func(logrus.Level) kitlogrus.Option                      = kitlogrus.WithLevel
)

func _(v any) {
	switch v.(type) {
	case kitlogrus.Option:
	case func(*kitlogrus.Logger):
	}
}
