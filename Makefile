# The two quick-start commands: `make demo` and `make test`. Both set the machine up first.
SWIFT ?= swift

.PHONY: setup build release man install demo serve test bench bench-consolidation bench-serve bench-scale bench-push clean

setup:
	@scripts/setup

build: setup
	$(SWIFT) build

# The Swift runtime and Foundation linked in statically: the dynamic loader's work was half
# of every short command's run (`concord --version` 28 ms dynamic, 13 ms static), which
# counts for `submit` and for the hooks a shared repository runs on every push. The
# executable stays position-independent: it runs as a server hook on other members' pushes.
release: setup
	$(SWIFT) build -c release --static-swift-stdlib

# A man page for every command, made from its help text by swift-argument-parser's
# generate-manual plugin, in .build/plugins/GenerateManual/outputs/concord. The plugin reads
# the help of a debug build, the one `make build` and the tests make: a release build of its
# own would compile every package again, with other flags than `make release`.
man: setup
	$(SWIFT) package generate-manual --multi-page --configuration debug --authors "The Concord team"

# Installs like any Unix tool: the release binary, the man pages, and bash, zsh and fish
# completions (`concord --generate-completion-script`).
PREFIX ?= /usr/local
install: man release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 .build/release/concord $(DESTDIR)$(PREFIX)/bin/concord
	install -m 644 .build/plugins/GenerateManual/outputs/concord/*.1 $(DESTDIR)$(PREFIX)/share/man/man1
	.build/release/concord --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/concord
	.build/release/concord --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_concord
	.build/release/concord --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/concord.fish

demo: build
	@scripts/demo

# The web app on the demo's repository, with a sign-in link for each of its members.
serve: build
	@scripts/serve-demo

# The text core's tests and the redline through the real binary run a second time under
# AddressSanitizer, in a build folder of their own: the core's unsafe code is checked on
# every submission.
ASAN_TESTS = ConcordTextTests|CLIRedlineTests|CLIGoldenRedlineTests

test:
	@scripts/setup --tests
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	python3 Tests/Browser/web_app_test.py "$$($(SWIFT) build --show-bin-path)/concord" .build/browser-screenshots
	python3 Tests/Browser/reports_layout_test.py "$$($(SWIFT) build --show-bin-path)/concord" .build/report-screenshots
	Tests/Gitolite/gitolite_test.sh "$$($(SWIFT) build --show-bin-path)/concord"
	Tests/Install/install_test.sh
	$(SWIFT) build --build-tests --sanitize address --scratch-path .build-asan
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --sanitize address --scratch-path .build-asan --filter '$(ASAN_TESTS)'

bench: release
	.build/release/concord-bench

bench-consolidation: release
	.build/release/concord-bench-consolidation

# One member's push through gitolite over ssh, with and without Concord's hooks, beside git push
# (root: it adds gitolite's account and starts its sshd; scripts/setup --tests installs them).
bench-push: release
	@scripts/setup --tests
	Benchmarks/Gitolite/push-bench.sh .build/release/concord

bench-serve: release
	Benchmarks/Serve/serve-bench.sh

# Ten rounds of 193 members on a 20,000-paragraph draft, the growth laws and a plot (drawn by
# Debian's matplotlib, hence Debian's python); figures and growth.png in .build/bench-scale.
# SCALE="--paragraphs 2000 --rounds 3" for a shorter run.
bench-scale: release
	@/usr/bin/python3 -c "import matplotlib" 2>/dev/null || (apt-get update -qq && apt-get install -y -qq python3-matplotlib)
	rm -rf .build/bench-scale
	.build/release/concord-bench-scale --work .build/bench-scale $(SCALE)
	/usr/bin/python3 Benchmarks/Scale/plot.py .build/bench-scale/results.tsv

clean:
	rm -rf .build .build-asan
