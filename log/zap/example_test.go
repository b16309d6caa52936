package zap_test

import (
	"os"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	kitzap "github.com/seedkit/kit/log/zap"
)

func ExampleNewZapSugarLogger() {
	// A JSON encoder without time, so that the output is reproducible.
	cfg := zap.NewProductionEncoderConfig()
	cfg.TimeKey = ""
	cfg.MessageKey = "message"
	core := zapcore.NewCore(zapcore.NewJSONEncoder(cfg), zapcore.AddSync(os.Stdout), zapcore.InfoLevel)

	logger := kitzap.NewZapSugarLogger(zap.New(core), zapcore.WarnLevel)
	logger.Log("msg", "queue backlog", "depth", 1200)
	logger.Log("dangling")
	// Output:
	// {"level":"warn","message":"","msg":"queue backlog","depth":1200}
	// {"level":"warn","message":"","dangling":"(MISSING)"}
}
