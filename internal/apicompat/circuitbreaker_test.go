package apicompat_test

import (
	"github.com/sony/gobreaker"
	"github.com/streadway/handy/breaker"

	"github.com/seedkit/kit/circuitbreaker"
	"github.com/seedkit/kit/endpoint"
)

// func Gobreaker(cb *gobreaker.CircuitBreaker) endpoint.Middleware
// func HandyBreaker(cb breaker.Breaker) endpoint.Middleware
// func Hystrix(commandName string) endpoint.Middleware
var (
	_ func(*gobreaker.CircuitBreaker) endpoint.Middleware = circuitbreaker.Gobreaker
	_ func(breaker.Breaker) endpoint.Middleware           = circuitbreaker.HandyBreaker
	_ func(string) endpoint.Middleware                    = circuitbreaker.Hystrix
)
