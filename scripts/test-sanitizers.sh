#!/usr/bin/env bash
# Builds the whole project and its test suites with AddressSanitizer and UndefinedBehaviorSanitizer
# (g++, -DATLAS_SANITIZE=ON) in build-asan/ and runs every suite under CTest. Any sanitizer
# report fails the suite that made it: ASan aborts on its first report, UBSan is built with
# -fno-sanitize-recover. Extra arguments go to ctest (e.g. -R tst_safetensors).
#
#   scripts/test-sanitizers.sh [ctest options]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${ATLAS_ASAN_BUILD_DIR:-$root/build-asan}"
jobs="${ATLAS_JOBS:-$(nproc)}"
bash "$root/scripts/install-dependencies.sh"
# RelWithDebInfo: optimised enough that the suites finish, with line numbers in the reports.
# No -march=native: the build must run wherever the sanitizer build is copied.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DATLAS_SANITIZE=ON \
    -DATLAS_NATIVE=OFF -DATLAS_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$jobs"
export QT_QPA_PLATFORM=offscreen
# detect_leaks: LeakSanitizer runs at each test's exit; Qt's own one-time allocations are
# reachable, not leaks. strict_string_checks and the init-order check catch more misuse.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
ctest --test-dir "$build" --output-on-failure -j"$jobs" "$@"
