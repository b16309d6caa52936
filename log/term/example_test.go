package term_test

import (
	"fmt"
	"strings"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/term"
)

func ExampleNewColorLogger() {
	var out strings.Builder
	// Colour each event by its level: errors red, warnings yellow on blue.
	colorFn := func(keyvals ...any) term.FgBgColor {
		for i := 0; i+1 < len(keyvals); i += 2 {
			if keyvals[i] != "level" {
				continue
			}
			switch keyvals[i+1] {
			case "error":
				return term.FgBgColor{Fg: term.Red}
			case "warn":
				return term.FgBgColor{Fg: term.Yellow, Bg: term.DarkBlue}
			}
		}
		return term.FgBgColor{}
	}
	logger := term.NewColorLogger(&out, log.NewLogfmtLogger, colorFn)
	logger.Log("level", "info", "msg", "ready")
	logger.Log("level", "warn", "msg", "slow")
	logger.Log("level", "error", "msg", "down")

	for _, line := range strings.SplitAfter(out.String(), "\n") {
		fmt.Printf("%q\n", line)
	}
	// Output:
	// "level=info msg=ready\n"
	// "\x1b[33;1m\x1b[44mlevel=warn msg=slow\n"
	// "\x1b[39;49;22m\x1b[31;1mlevel=error msg=down\n"
	// "\x1b[39;49;22m"
}

func ExampleNewLogger() {
	var out strings.Builder
	// A strings.Builder is no terminal, so the output carries no colour.
	logger := term.NewLogger(&out, log.NewLogfmtLogger, func(...any) term.FgBgColor {
		return term.FgBgColor{Fg: term.Green}
	})
	logger.Log("msg", "plain")
	fmt.Print(out.String())
	fmt.Println(term.IsTerminal(&out))
	// Output:
	// msg=plain
	// false
}
