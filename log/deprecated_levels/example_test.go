package levels_test

import (
	"os"

	"github.com/seedkit/kit/log"
	levels "github.com/seedkit/kit/log/deprecated_levels"
)

func Example() {
	l := levels.New(log.NewLogfmtLogger(os.Stdout), levels.Key("lvl"), levels.CritValue("fatal")).With("svc", "billing")
	l.Info().Log("msg", "started")
	l.Crit().Log("msg", "out of disk")
	// Output:
	// lvl=info svc=billing msg=started
	// lvl=fatal svc=billing msg="out of disk"
}
