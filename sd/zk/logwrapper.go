package zk

import (
	"fmt"

	"github.com/seedkit/kit/log"
)

// printfLogger adapts a kit Logger to the Printf logger of go-zookeeper.
type printfLogger struct{ logger log.Logger }

func (l printfLogger) Printf(format string, args ...any) {
	l.logger.Log("msg", fmt.Sprintf(format, args...))
}
