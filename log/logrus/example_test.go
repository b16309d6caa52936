package logrus_test

import (
	"os"

	"github.com/sirupsen/logrus"

	kitlogrus "github.com/seedkit/kit/log/logrus"
)

func ExampleNewLogger() {
	lr := logrus.New()
	lr.Out = os.Stdout
	lr.Formatter = &logrus.JSONFormatter{DisableTimestamp: true}

	logger := kitlogrus.NewLogger(lr, kitlogrus.WithLevel(logrus.WarnLevel))
	logger.Log("msg", "disk almost full", "free_mb", 12)
	logger.Log("msg", "odd", "dangling")
	// Output:
	// {"fields.msg":"disk almost full","free_mb":12,"level":"warning","msg":""}
	// {"dangling":"(MISSING)","fields.msg":"odd","level":"warning","msg":""}
}
