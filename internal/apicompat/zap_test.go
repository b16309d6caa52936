package apicompat_test

import (
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/seedkit/kit/log"
	kitzap "github.com/seedkit/kit/log/zap"
)

var _ func(*zap.Logger, zapcore.Level) log.Logger = kitzap.NewZapSugarLogger
