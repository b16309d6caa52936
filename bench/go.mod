module github.com/seedkit/kit/bench

go 1.25

require (
	github.com/go-kit/kit v0.13.0
	github.com/go-kit/log v0.2.1
	github.com/seedkit/kit v0.0.0
	github.com/sirupsen/logrus v1.10.2
	go.uber.org/zap v1.28.0
	google.golang.org/protobuf v1.36.12
)

require (
	github.com/VividCortex/gohistogram v1.0.0 // indirect
	github.com/go-logfmt/logfmt v0.5.1 // indirect
	go.uber.org/multierr v1.10.0 // indirect
	golang.org/x/sys v0.13.0 // indirect
)

replace github.com/seedkit/kit => ../
