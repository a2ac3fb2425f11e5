#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build of reclaim's fuzz targets. Honors the service's
# $CC $CXX $CFLAGS $CXXFLAGS $LIB_FUZZING_ENGINE $OUT (and $SRC, $FUZZING_ENGINE when set).
# Installs into $OUT, per target fuzz_NAME: the binary, fuzz_NAME_seed_corpus.zip (the
# committed corpus plus every regression input), fuzz_NAME.dict where one exists, and
# fuzz_NAME.options; plus reclaim-variants/ (the built-in variant files, which the targets
# find beside themselves when the source tree is absent, as on the service's runners).
# The canary target is left out unless RECLAIM_CANARY=1: a target that always crashes would
# fail every pull request's fuzzing on the service.
# Local test (as the service sets the variables):
#   CC=clang-14 CXX=clang++-14 CFLAGS="-fsanitize=address,fuzzer-no-link" \
#   CXXFLAGS="-fsanitize=address,fuzzer-no-link" LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
#   OUT=/tmp/out SRC=/tmp .clusterfuzzlite/build.sh
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -f "$here/../fuzz/CMakeLists.txt" ]; then
  repo="$(cd "$here/.." && pwd)"
else
  repo="$SRC/reclaim"  # build.sh was copied to $SRC by the Dockerfile
fi
work="${WORK:-$repo/build}/oss-fuzz"
mkdir -p "$OUT" "$work"

mutator=ON
if [ "${FUZZING_ENGINE:-libfuzzer}" != libfuzzer ]; then mutator=OFF; fi
jobs="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

cmake -S "$repo" -B "$work" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DRECLAIM_LIB_FUZZING_ENGINE="$LIB_FUZZING_ENGINE" \
  -DRECLAIM_FUZZ_CUSTOM_MUTATOR="$mutator" \
  -DRECLAIM_BUILD_TESTS=OFF -DRECLAIM_BUILD_BENCH=OFF \
  -DCMAKE_FIND_LIBRARY_SUFFIXES=.a
cmake --build "$work" -j"$jobs" --target fuzz_targets

targets=(protocol differential scenario_parser variant_parser request_codec)
[ "${RECLAIM_CANARY:-0}" = 1 ] && targets+=(canary)
for t in "${targets[@]}"; do
  cp "$work/fuzz/fuzz_$t" "$OUT/"
  rm -f "$OUT/fuzz_${t}_seed_corpus.zip"
  files=()
  for d in "$repo/fuzz/corpus/$t" "$repo/fuzz/regressions/$t"; do
    [ -d "$d" ] && while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$d" -type f -print0)
  done
  if [ ${#files[@]} -gt 0 ]; then zip -q -j "$OUT/fuzz_${t}_seed_corpus.zip" "${files[@]}"; fi
  [ -f "$repo/fuzz/dict/$t.dict" ] && cp "$repo/fuzz/dict/$t.dict" "$OUT/fuzz_$t.dict"
  case "$t" in
    protocol|differential) max_len=164 ;;
    request_codec) max_len=256 ;;
    *) max_len=4096 ;;
  esac
  printf '[libfuzzer]\nmax_len = %s\ntimeout = 10\n' "$max_len" > "$OUT/fuzz_$t.options"
  # As fuzz/campaign does: no hit-count buckets for the protocol targets (fuzz/README.md).
  case "$t" in
    protocol|differential) printf 'use_counters = 0\n' >> "$OUT/fuzz_$t.options" ;;
  esac
  [ -f "$repo/fuzz/dict/$t.dict" ] && printf 'dict = fuzz_%s.dict\n' "$t" >> "$OUT/fuzz_$t.options"
done
rm -rf "$OUT/reclaim-variants"
mkdir -p "$OUT/reclaim-variants"
cp "$repo"/variants/*.toml "$OUT/reclaim-variants/"
echo "build.sh: ${targets[*]} -> $OUT"
