# The two-command quick start: `make audit` and `make test`. Every target first installs
# missing Debian packages (tools/install-deps), then configures and builds with a preset.
JOBS ?= 2
.PHONY: deps test audit audit-reference asan bench build clean fuzz fuzz-fast fuzz-smoke

deps:
	@tools/install-deps

build: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j$(JOBS)

test: build
	ctest --preset dev
	@if command -v clang++-14 >/dev/null 2>&1; then $(MAKE) --no-print-directory fuzz-smoke; \
	else echo "fuzz smoke skipped: no clang++-14 (the corpus replay ran in ctest)"; fi

# libFuzzer targets (clang-14, ASan+UBSan); campaigns: fuzz/campaign --help.
fuzz: deps
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j$(JOBS) --target fuzz_targets

# The same targets without sanitizers, for long campaigns hunting invariant violations
# (fuzz/campaign --build build/fuzz-fast); see fuzz/README.md for when to use which.
fuzz-fast: deps
	cmake --preset fuzz-fast >/dev/null
	cmake --build --preset fuzz-fast -j$(JOBS) --target fuzz_targets

fuzz-smoke: fuzz
	fuzz/campaign --build build/fuzz --smoke 5

# The audit report of every built-in variant (reclaim audit; docs/report.md): report.json,
# report.md, index.html and measured.json under reports/latest/, replaced whole.
# The newest fuzz campaign's summary (fuzz/campaign writes BUILD/campaign/UTC/summary.json), if
# one exists, is shown in the report as its own section.
audit: build
	rm -rf reports/latest
	@summary=$$(ls -1t build/fuzz/campaign/*/summary.json build/fuzz-fast/campaign/*/summary.json \
	  2>/dev/null | head -n 1); \
	if [ -n "$$summary" ]; then echo "audit: fuzz campaign summary $$summary"; fi; \
	build/dev/reclaim audit --out reports/latest $${summary:+--fuzz-summary "$$summary"}

# The committed reference report (reports/reference/): the default audit, regenerated whole.
# Run it after a change that moves a verdict, an outcome or a margin (a variant, a rule, an
# engine), and commit the result; the ctest case Reference.* checks the two agree.
audit-reference: build
	rm -rf reports/reference
	build/dev/reclaim audit --out reports/reference

asan: deps
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j$(JOBS)
	ctest --preset asan

bench: build
	@for b in build/dev/bench/bench_*; do [ -x "$$b" ] && "$$b"; done

clean:
	rm -rf build
