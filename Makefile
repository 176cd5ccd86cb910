# The two quick-start commands: `make demo` and `make test`. Both set the machine up first.
SWIFT ?= swift

.PHONY: setup build release demo test bench bench-consolidation clean

setup:
	@scripts/setup

build: setup
	$(SWIFT) build

# The Swift runtime and Foundation linked in statically: the dynamic loader's work was half
# of every short command's run (`concord --version` 28 ms dynamic, 13 ms static), which
# counts for `submit` and for the hooks a shared repository runs on every push.
# Linked as a fixed-address executable (no PIE): loading a position-independent one applied
# 79,000 relocations to the runtime's metadata, copying a page at each first write, a third
# of every command's start (`concord --version` 6.4 -> 4.5 ms, 575 -> 362 page faults). The
# cost is that the executable's own code is not placed at a random address; concord is a
# command-line tool that reads local files and serves nothing.
release: setup
	$(SWIFT) build -c release --static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -no-pie

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
