// Package zap adapts a zap logger (go.uber.org/zap) to the log.Logger
// interface, so that code written against kit's logger can log through an
// application's existing zap setup.
//
// A small complete program:
//
//	package main
//
//	import (
//		"go.uber.org/zap"
//		"go.uber.org/zap/zapcore"
//
//		kitzap "github.com/seedkit/kit/log/zap"
//	)
//
//	func main() {
//		zl, err := zap.NewProduction()
//		if err != nil {
//			panic(err)
//		}
//		defer zl.Sync()
//
//		logger := kitzap.NewZapSugarLogger(zl, zapcore.InfoLevel)
//		logger.Log("msg", "started", "port", 8080)
//	}
package zap
