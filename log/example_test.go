package log_test

import (
	"errors"
	stdlog "log"
	"os"
	"time"

	"github.com/seedkit/kit/log"
)

func Example_basic() {
	logger := log.NewLogfmtLogger(os.Stdout)
	type Task struct {
		ID int
	}
	RunTask := func(task Task, logger log.Logger) {
		logger.Log("taskID", task.ID, "event", "starting task")
		logger.Log("taskID", task.ID, "event", "task complete")
	}
	RunTask(Task{ID: 1}, logger)

	// Output:
	// taskID=1 event="starting task"
	// taskID=1 event="task complete"
}

func Example_context() {
	logger := log.NewLogfmtLogger(os.Stdout)
	logger = log.With(logger, "service", "users")
	request := log.With(logger, "request_id", 42)
	request = log.WithSuffix(request, "took", 1500*time.Microsecond)
	request.Log("msg", "user created", "user", "ada")

	// Output:
	// service=users request_id=42 msg="user created" user=ada took=1.5ms
}

func Example_valuer() {
	logger := log.NewLogfmtLogger(os.Stdout)
	count := 0
	counter := func() any {
		count++
		return count
	}
	logger = log.With(logger, "count", log.Valuer(counter))
	logger.Log("call", "first")
	logger.Log("call", "second")

	// Output:
	// count=1 call=first
	// count=2 call=second
}

func Example_timestamps() {
	// A fixed clock keeps the output reproducible; use time.Now, or
	// log.DefaultTimestampUTC, in real code.
	start := time.Date(2015, time.February, 3, 10, 0, 0, 0, time.UTC)
	now := start
	clock := func() time.Time { now = now.Add(time.Second); return now }

	logger := log.NewLogfmtLogger(os.Stdout)
	logger = log.With(logger,
		"time", log.Timestamp(clock),
		"clock", log.TimestampFormat(clock, time.Kitchen),
		"caller", log.DefaultCaller,
	)
	logger.Log("call", "first")
	logger.Log("call", "second")

	// Output:
	// time=2015-02-03T10:00:01Z clock=10:00AM caller=example_test.go:68 call=first
	// time=2015-02-03T10:00:03Z clock=10:00AM caller=example_test.go:69 call=second
}

func ExampleNewJSONLogger() {
	logger := log.NewJSONLogger(os.Stdout)
	logger.Log("msg", "hello", "status", 200, "err", errors.New("<none>"), "took", time.Second, "odd")

	// Output:
	// {"err":"<none>","msg":"hello","odd":"(MISSING)","status":200,"took":"1s"}
}

func ExampleSwapLogger() {
	var logger log.SwapLogger // the zero value discards events
	logger.Log("msg", "dropped")

	logger.Swap(log.NewLogfmtLogger(os.Stdout))
	logger.Log("msg", "logfmt")

	logger.Swap(log.NewJSONLogger(os.Stdout))
	logger.Log("msg", "json")

	// Output:
	// msg=logfmt
	// {"msg":"json"}
}

func ExampleNewStdlibAdapter() {
	logger := log.NewLogfmtLogger(os.Stdout)
	std := stdlog.New(log.NewStdlibAdapter(logger), "", stdlog.Lshortfile)
	std.Print("hello from the standard library")

	// Output:
	// caller=example_test.go:102 msg="hello from the standard library"
}
