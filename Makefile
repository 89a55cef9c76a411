# Rapport's tasks. The README's two commands are scripts/sample.sh and
# scripts/test.sh (make sample / make test call them); each installs what it
# needs first (scripts/deps.sh).

export PATH := $(HOME)/.local/go/bin:$(PATH)
export GOTOOLCHAIN ?= auto
# The fyneDo migration is declared in FyneApp.toml: build with its tag, and
# keep the race detector on in tests so off-thread widget calls are caught.
TAGS    := migrated_fynedo
# Tests keep Fyne's thread checker live: no migrated_fynedo (see scripts/test.sh).
TESTTAGS := no_metadata
BIN     := bin/rapport
GOFILES := $(shell find . -name '*.go' -not -path './bin/*')

.PHONY: sample run build test test-short lint e2e bench bench-scale package package-test deps deps-test clean

## sample: start Rapport on the offline sample workspace (a coffee roaster)
sample:
	scripts/sample.sh

## run: start Rapport on your own data folder
run: deps $(BIN)
	./$(BIN)

build: $(BIN)

$(BIN): $(GOFILES) go.mod go.sum FyneApp.toml $(shell find assets -type f)
	go build -tags $(TAGS) -o $(BIN) .

## test: every test — vet, unit and UI tests with -race, the end-to-end test under Xvfb
test:
	scripts/test.sh

test-short:
	go test -race -short -tags $(TESTTAGS) ./...

## lint: what CI's linters look at beyond vet (gofumpt, staticcheck, govulncheck)
lint:
	go run mvdan.cc/gofumpt@v0.9.2 -l .
	go run honnef.co/go/tools/cmd/staticcheck@v0.6.1 -tags $(TESTTAGS) ./...
	go run golang.org/x/vuln/cmd/govulncheck@v1.1.4 -tags $(TAGS) ./...

## bench: run the benchmarks and write docs/benchmarks.md
bench:
	scripts/bench.sh

## bench-scale: 10k/100k/1M mentions beside SQLite FTS5 and gofeed; writes docs/benchmarks-scale.md
## (SIZES=10000,100000 for a shorter run; the 1M build takes long)
bench-scale: $(BIN)
	go run ./scripts/scalebench -bin $(BIN) -sizes $(or $(SIZES),10000,100000,1000000)

## package: the installers, from Linux, into dist/ (docs/packaging.md)
package:
	scripts/package.sh

## package-test: install them as a user would and check them (slow; docs/packaging.md)
package-test: package
	scripts/package-test.sh

deps:
	@scripts/deps.sh

deps-test:
	@scripts/deps.sh test

clean:
	rm -rf bin build dist
