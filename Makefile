# The two quick-start commands: `make demo` and `make test`. Both set the machine up first.
SWIFT ?= swift

.PHONY: setup build release demo test bench bench-consolidation clean

setup:
	@scripts/setup

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

demo: build
	@scripts/demo

test:
	@scripts/setup --tests
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: release
	.build/release/concord-bench

bench-consolidation: release
	.build/release/concord-bench-consolidation

clean:
	rm -rf .build
