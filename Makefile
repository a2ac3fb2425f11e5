# The two-command quick start: `make audit` and `make test`. Every target first installs
# missing Debian packages (tools/install-deps), then configures and builds with a preset.
JOBS ?= 2
.PHONY: deps test audit asan bench build clean

deps:
	@tools/install-deps

build: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j$(JOBS)

test: build
	ctest --preset dev

audit: build
	@tools/audit build/dev reports

asan: deps
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j$(JOBS)
	ctest --preset asan

bench: build
	@for b in build/dev/bench/bench_*; do [ -x "$$b" ] && "$$b"; done

clean:
	rm -rf build
