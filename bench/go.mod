module github.com/seedkit/kit/bench

go 1.25

require (
	github.com/go-kit/kit v0.13.0
	github.com/go-kit/log v0.2.1
	github.com/seedkit/kit v0.0.0
)

require github.com/go-logfmt/logfmt v0.5.1 // indirect

replace github.com/seedkit/kit => ../
