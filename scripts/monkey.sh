#!/usr/bin/env bash
# Runs the monkey suite (tests/ui: a seeded random stream of user actions against the main
# window) for MINUTES minutes and fails on a crash, a sanitizer report, or resident memory that
# grows by more than 10 % between minute 1 and the end (each taken with the window settled in the
# same state; the anonymous part, which the program owns, or under ASan the heap in use, since
# there that is mostly the sanitizer's; the window first warmed: every model, menu item and action
# once).
#
#   scripts/monkey.sh MINUTES
#
# With $ATLAS_BUILD_DIR set it uses that build (any build type; only the suite is built, if it is
# out of date). Otherwise it configures and uses its own AddressSanitizer and UBSan build
# (the `asan` preset, build-asan/). ATLAS_MONKEY_SEED replays a seed the script printed.
set -euo pipefail

if [ $# -ne 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ]; then
    echo "usage: $0 MINUTES   (a whole number, at least 1)" >&2
    exit 2
fi
minutes=$1
root=$(cd "$(dirname "$0")/.." && pwd)

if [ -n "${ATLAS_BUILD_DIR:-}" ]; then
    build=$ATLAS_BUILD_DIR
else
    build=$root/build-asan
    if [ ! -f "$build/CMakeCache.txt" ]; then
        # Warnings do not stop a sanitizer run: it looks for what happens at run time.
        (cd "$root" && cmake --preset asan -DATLAS_WERROR=OFF >/dev/null)
    fi
fi
cmake --build "$build" --target tst_monkey -j"$(nproc)" >/dev/null
suite=$(find "$build/tests" -name tst_monkey -type f -perm -u+x | head -n 1)
if [ -z "$suite" ]; then
    echo "error: no tst_monkey in $build (was it configured with ATLAS_BUILD_UI=ON?)" >&2
    exit 1
fi

seed=${ATLAS_MONKEY_SEED:-$(od -An -N6 -tu8 /dev/urandom | tr -d ' ')}
log=$(mktemp "${TMPDIR:-/tmp}/atlas-monkey.XXXXXX.log")
echo "monkey: $minutes min, seed $seed, $suite"
echo "monkey: log $log"

seconds=$((minutes * 60))
status=0
# Qt Test's watchdog would end a test function after 5 minutes.
env QT_QPA_PLATFORM=offscreen \
    ATLAS_RESOURCES_DIR="$root/resources" \
    ATLAS_MONKEY_SECONDS="$seconds" \
    ATLAS_MONKEY_SEED="$seed" \
    QTEST_FUNCTION_TIMEOUT=$(((seconds + 600) * 1000)) \
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1:allocator_release_to_os_interval_ms=5000}" \
    LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/scripts/monkey-lsan.supp:print_suppressions=0}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
    "$suite" >"$log" 2>&1 || status=$?

grep '^monkey:' "$log" || true
failed=0
if [ "$status" -ne 0 ]; then
    echo "FAIL: the suite exited with status $status (seed $seed); the end of $log:" >&2
    tail -n 40 "$log" >&2
    failed=1
fi
if grep -Eq 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$log"; then
    echo "FAIL: a sanitizer report (seed $seed):" >&2
    grep -E -A 12 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$log" | head -n 60 >&2
    failed=1
fi

# The figures of minute 1 and of the end, each taken with the window settled in the same state
# (the tiny model, the same short sentences, side windows closed, background work quiet for
# longer than it waits before returning freed memory): what differs is what the session kept.
# A normal build compares the anonymous resident memory (RssAnon: heap, stacks, anonymous maps),
# the memory the program owns; the file-backed part of the resident memory is pages of the
# mapped model files and libraries that the kernel keeps or drops as it likes (it moved by 10 MiB
# either way between two settled figures). Under AddressSanitizer the anonymous memory is mostly
# the sanitizer's own (a quarantine of up to 256 MB of freed blocks, kept to catch use after free,
# and its caches), so there the heap in use, which the sanitizer counts exactly, is compared.
# All are printed.
value() {  # line ("minute 1" or "end"), field name
    sed -n "s/^monkey: $1 rss_kib .*/&/p" "$log" | grep -Eo "(^| )$2 [0-9]+" | grep -Eo '[0-9]+$'
}
growth_of() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) * 100 / a }'; }
actions=$(sed -n 's/^monkey: end rss_kib [0-9]* actions \([0-9]*\).*/\1/p' "$log")
if grep -q '^monkey: allocator AddressSanitizer' "$log"; then
    measure="heap in use"
    field=heap_kib
else
    measure="anonymous resident memory"
    field=anonymous_kib
fi
first=$(value "minute 1" "$field")
last=$(value end "$field")
if [ -n "$first" ] && [ -n "$last" ] && [ "$first" -gt 0 ]; then
    report="monkey: seed $seed, $actions actions; settled at minute 1 and at the end:"
    for shown in "resident rss_kib" "anonymous anonymous_kib" "file-backed file_kib" \
        "heap heap_kib"; do
        set -- $shown
        a=$(value "minute 1" "$2")
        b=$(value end "$2")
        report+=" $1 $((a / 1024)) -> $((b / 1024)) MiB ($(growth_of "$a" "$b") %),"
    done
    echo "${report%,}"
    growth=$(growth_of "$first" "$last")
    echo "monkey: checked: $measure, growth $growth %"
    if awk -v g="$growth" 'BEGIN { exit !(g > 10) }'; then
        echo "FAIL: the $measure grew by $growth % (more than 10 %) between minute 1 and the end" >&2
        failed=1
    fi
elif [ "$failed" -eq 0 ]; then
    echo "FAIL: the suite did not report its memory at minute 1 and at the end" >&2
    failed=1
fi

if [ "$failed" -ne 0 ]; then
    exit 1
fi
echo "monkey: PASS"
