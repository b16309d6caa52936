package apicompat_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/seedkit/kit/log"
	"github.com/seedkit/kit/log/term"
)

// Every colour constant has type Color: ptr infers its type parameter from
// the argument, and an untyped constant would give *int.
var _ = [...]*term.Color{
	ptr(term.Default), ptr(term.Black), ptr(term.DarkRed), ptr(term.DarkGreen),
	ptr(term.Brown), ptr(term.DarkBlue), ptr(term.DarkMagenta), ptr(term.DarkCyan),
	ptr(term.Gray), ptr(term.DarkGray), ptr(term.Red), ptr(term.Green),
	ptr(term.Yellow), ptr(term.Blue), ptr(term.Magenta), ptr(term.Cyan), ptr(term.White),
}

// ptr returns a pointer to a copy of v; its type parameter is inferred from
// the argument, so an untyped constant would infer int, not term.Color.
func ptr[T any](v T) *T { return &v }

var (
	// type Color uint8: pointer conversion needs identical underlying types.
	_ = (*uint8)((*term.Color)(nil))
	// type FgBgColor struct { Fg, Bg Color }
	_ = term.FgBgColor(struct{ Fg, Bg term.Color }{})
	_ = term.FgBgColor{Fg: term.Red, Bg: term.Black}

	_ func(io.Writer) bool                                                                = term.IsTerminal
	_ func(io.Writer, func(io.Writer) log.Logger, func(...any) term.FgBgColor) log.Logger = term.NewColorLogger
	_ func(io.Writer) io.Writer                                                           = term.NewColorWriter
	_ func(io.Writer, func(io.Writer) log.Logger, func(...any) term.FgBgColor) log.Logger = term.NewLogger
)

func _(v any) {
	switch v.(type) {
	case term.Color:
	case uint8:
	case term.FgBgColor:
	case struct{ Fg, Bg term.Color }:
	}
}

func TestTermValues(t *testing.T) {
	t.Parallel()
	// The colours are declared with iota in this order, Default first.
	order := []term.Color{
		term.Default, term.Black, term.DarkRed, term.DarkGreen, term.Brown,
		term.DarkBlue, term.DarkMagenta, term.DarkCyan, term.Gray, term.DarkGray,
		term.Red, term.Green, term.Yellow, term.Blue, term.Magenta, term.Cyan, term.White,
	}
	for i, c := range order {
		if int(c) != i {
			t.Errorf("colour #%d has value %d, want %d", i, c, i)
		}
	}
	if term.IsTerminal(&bytes.Buffer{}) {
		t.Error("IsTerminal(*bytes.Buffer): got true, want false")
	}
	var zero term.FgBgColor
	if zero.Fg != term.Default || zero.Bg != term.Default {
		t.Errorf("zero FgBgColor: got %+v, want Default on Default", zero)
	}
}
