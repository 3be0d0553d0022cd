# malarbete: the two set-up commands are `make demo` and `make test`.

GO        ?= go
BIN       := bin/malarbete
DEMO      := out/demo
FUZZTIME  ?= 30s
BENCHTIME ?= 1x

.PHONY: all build test demo lint fuzz bench dist dist-check clean

all: build

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/malarbete

## test: every unit, golden, round-trip and end-to-end test
test:
	$(GO) test -count=1 -timeout 30m ./...

## demo: the whole cycle on the bundled Sorsele example, planning and the April
## follow-up, into out/demo/
demo: build
	./scripts/demo.sh $(BIN) $(DEMO)

## lint: formatting, vet and staticcheck (pinned in go.mod as a tool)
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

## fuzz: run every fuzz target for FUZZTIME each
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; \
	    $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s $$pkg || exit 1; \
	  done; \
	done

## bench: speed and memory of generate, collect and report at scale
bench:
	$(GO) test -p 1 -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) -timeout 120m ./...

## dist: release archives for Windows, macOS and Linux, and SHA256SUMS, in
## dist/ (TARGETS=linux/amd64,... for fewer); reproducible from a clone
dist:
	rm -rf dist
	$(GO) run ./internal/cmd/dist -o dist $(if $(TARGETS),-targets $(TARGETS))

## dist-check: make dist, then verify the checksums, rebuild and compare
## the bytes, and run the Linux binary from its unpacked folder
dist-check: dist
	./scripts/dist-check.sh dist $(TARGETS)

clean:
	rm -rf bin out dist
