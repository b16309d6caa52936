// Package logrus adapts a logrus logger (github.com/sirupsen/logrus) to the
// log.Logger interface, so that code written against kit's logger can log
// through an application's existing logrus setup.
//
// Each event becomes one logrus entry with an empty message whose fields
// are the event's key/value pairs, "msg" included, exactly as with Go kit's
// adapter. (logrus's formatters reserve the "msg" key for the message and
// write a "msg" field as "fields.msg".)
//
// A small complete program:
//
//	package main
//
//	import (
//		"os"
//
//		"github.com/sirupsen/logrus"
//
//		kitlogrus "github.com/seedkit/kit/log/logrus"
//	)
//
//	func main() {
//		lr := logrus.New()
//		lr.Out = os.Stdout
//		lr.Formatter = &logrus.JSONFormatter{}
//
//		logger := kitlogrus.NewLogger(lr, kitlogrus.WithLevel(logrus.WarnLevel))
//		logger.Log("msg", "disk almost full", "free_mb", 12)
//	}
package logrus
