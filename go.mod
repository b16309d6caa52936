module github.com/seedkit/kit

go 1.25

require (
	github.com/sirupsen/logrus v1.10.2
	go.uber.org/zap v1.28.0
	google.golang.org/protobuf v1.36.12
)

require (
	go.uber.org/multierr v1.10.0 // indirect
	golang.org/x/sys v0.13.0 // indirect
)
