# kit's tasks. `make help` lists them.
SHELL := /bin/bash
GO ?= go
STATICCHECK_VERSION ?= v0.8.2
GOBIN := $(shell $(GO) env GOPATH)/bin
STATICCHECK := $(GOBIN)/staticcheck
PKGS := ./...
FUZZTIME ?= 20s

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the tasks
	@grep -hE '^[a-z][a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

.PHONY: test
test: lint ## Everything CI runs: lint, then with real servers up: the bench module's differential tests vs Go kit, every test with -race
	@set -e; trap './scripts/services.sh down' EXIT; \
	env=$$(./scripts/services.sh up); eval "$$env"; export KIT_INTEGRATION=1; \
	$(MAKE) --no-print-directory bench-check; \
	$(GO) test -race -count=1 -timeout 30m $(PKGS)
	@echo "make test: all passed"

.PHONY: services
services: ## Start the real servers on loopback (scripts/services.sh up) and print their addresses
	./scripts/services.sh up

.PHONY: unit
unit: ## Every test with -race, no external servers (integration tests skip)
	$(GO) test -race -count=1 -timeout 15m $(PKGS)

.PHONY: lint
lint: $(STATICCHECK) ## gofmt, go vet and staticcheck, on the library and bench/
	@unformatted=$$(gofmt -l . ); if [ -n "$$unformatted" ]; then echo "not gofmt-ed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)
	$(STATICCHECK) $(PKGS)
	cd bench && $(GO) vet ./... && $(STATICCHECK) ./...

$(STATICCHECK):
	$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

.PHONY: bench
bench: ## Benchmarks: kit vs Go kit v0.13.0 vs the raw libraries, with a ratio table
	cd bench && $(GO) run ./cmd/ratios

.PHONY: bench-check
bench-check: ## bench/: differential tests against Go kit (-race), and each benchmark once (no timings)
	cd bench && $(GO) test -race -count=1 ./...
	cd bench && $(GO) test -count=1 -run '^$$' -bench . -benchtime 1x ./...

.PHONY: cover
cover: ## Unit tests with a coverage profile (cover.out) and a per-function summary
	$(GO) test -count=1 -coverprofile=cover.out -covermode=atomic $(PKGS)
	$(GO) tool cover -func=cover.out | tail -n 1

.PHONY: fuzz
fuzz: ## Run every fuzz target for FUZZTIME each (default 20s)
	@set -e; for pkg in $$($(GO) list $(PKGS)); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done
