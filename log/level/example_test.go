package level_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/level"
)

func Example_basic() {
	logger := log.NewLogfmtLogger(os.Stdout)
	level.Debug(logger).Log("msg", "this message is at the debug level")
	level.Info(logger).Log("msg", "this message is at the info level")
	level.Warn(logger).Log("msg", "this message is at the warn level")
	level.Error(logger).Log("msg", "this message is at the error level")

	// Output:
	// level=debug msg="this message is at the debug level"
	// level=info msg="this message is at the info level"
	// level=warn msg="this message is at the warn level"
	// level=error msg="this message is at the error level"
}

func Example_filtered() {
	// Set up logger with level filter.
	logger := log.NewLogfmtLogger(os.Stdout)
	logger = level.NewFilter(logger, level.AllowInfo())
	logger = log.With(logger, "caller", log.DefaultCaller)

	// Use level helpers to log at different levels.
	level.Error(logger).Log("err", errors.New("bad data"))
	level.Info(logger).Log("event", "data saved")
	level.Debug(logger).Log("next item", 17) // filtered

	// Output:
	// level=error caller=example_test.go:33 err="bad data"
	// level=info caller=example_test.go:34 event="data saved"
}

func ExampleNewFilter_errors() {
	errSquelched := errors.New("squelched")
	logger := level.NewFilter(log.NewJSONLogger(os.Stdout),
		level.AllowWarn(), level.ErrNotAllowed(errSquelched),
		level.SquelchNoLevel(true), level.ErrNoLevel(errSquelched))

	fmt.Println(level.Warn(logger).Log("msg", "disk almost full"))
	fmt.Println(level.Info(logger).Log("msg", "hello"))
	fmt.Println(logger.Log("msg", "no level"))

	// Output:
	// {"level":"warn","msg":"disk almost full"}
	// <nil>
	// squelched
	// squelched
}

func ExampleNewInjector() {
	logger := level.NewInjector(log.NewLogfmtLogger(os.Stdout), level.InfoValue())
	logger.Log("msg", "gets the default level")
	level.Error(logger).Log("msg", "keeps its own level")

	// Output:
	// level=info msg="gets the default level"
	// level=error msg="keeps its own level"
}

func ExampleParse() {
	// Typically the level comes from a flag or the environment.
	allowed := level.ParseDefault(" WARN ", level.InfoValue())
	logger := level.NewFilter(log.NewLogfmtLogger(os.Stdout), level.Allow(allowed))
	level.Info(logger).Log("msg", "filtered")
	level.Warn(logger).Log("msg", "written")

	_, err := level.Parse("verbose")
	fmt.Println(err)

	// Output:
	// level=warn msg=written
	// invalid level string
}
