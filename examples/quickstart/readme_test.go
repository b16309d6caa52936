package main

import (
	"os"
	"strings"
	"testing"
)

// TestREADMEMatches keeps the README's quickstart identical to this program,
// which the build compiles and vets.
func TestREADMEMatches(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	// main.go is the README's block plus a leading doc comment.
	code := string(src[strings.Index(string(src), "package main"):])
	if !strings.Contains(string(readme), "```go\n"+code+"```") {
		t.Fatal("README.md's quickstart differs from examples/quickstart/main.go: update one from the other")
	}
}
