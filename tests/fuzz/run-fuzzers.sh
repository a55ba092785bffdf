#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz/ and runs each for SECONDS, one at a time.
#
#   tests/fuzz/run-fuzzers.sh SECONDS [TARGET...]     (default: every target)
#
# ATLAS_FUZZ_BUILD_DIR=DIR builds and runs in DIR instead of build-fuzz/ (paths below move with
# it); a folder that does not exist yet gives a fresh run, whose corpora start from the seeds alone.
# Needs Debian's clang and libclang-rt-14-dev. Each target starts from its seeds in
# tests/fuzz/corpus/TARGET (read only) plus its working corpus in build-fuzz/fuzz/corpus/TARGET
# (kept between runs). A crash, slow unit (over 10 s of CPU time, ATLAS_FUZZ_CPU_SECONDS), hang
# (over 120 s of wall time), leak, sanitizer report or out-of-memory (over 2 GB) is saved under
# build-fuzz/fuzz/findings/TARGET/; copy it to tests/fuzz/regressions/TARGET/
# once fixed, so tst_fuzz_replay replays it in every build. The fuzzers run under `nice -n 19`.
# The last lines printed are a table of executions, coverage (libFuzzer's cov: edges and ft:
# features) and findings per target, also written to build-fuzz/fuzz/summary.md.
set -euo pipefail

if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
    echo "usage: $0 SECONDS [TARGET...]" >&2
    exit 2
fi
seconds=$1
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
build="${ATLAS_FUZZ_BUILD_DIR:-$root/build-fuzz}"
all_targets=(safetensors config tokenizer_files tokenizers tokenizer_json conllu forward decoder_model)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi

# The longest input each target is given: enough for its seeds, small enough to stay fast.
max_len() {
    case "$1" in
        tokenizer_files | tokenizer_json) echo 8192 ;;
        forward) echo 1024 ;;
        *) echo 4096 ;;
    esac
}

for tool in clang clang++; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }
done

if [ ! -f "$build/CMakeCache.txt" ]; then
    CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DATLAS_FUZZ=ON -DATLAS_WERROR=OFF -DATLAS_BUILD_BENCH=OFF >/dev/null
fi
# The build is niced less than the fuzzers: at 19 it barely moves on a busy machine.
nice -n 10 cmake --build "$build" -j2 --target $(printf 'fuzz_%s ' "${targets[@]}")

work="$build/fuzz"
summary="$work/summary.md"
mkdir -p "$work"
{
    echo "| target | seconds | executions | exec/s | cov | ft | corpus | findings |"
    echo "|---|---|---|---|---|---|---|---|"
} >"$summary.new"
failed=0
for target in "${targets[@]}"; do
    corpus="$work/corpus/$target"
    findings="$work/findings/$target"
    log="$work/$target.log"
    mkdir -p "$corpus" "$findings"
    dictionary="$root/tests/fuzz/dictionaries/$target.dict"
    dictionary_option=()
    [ -f "$dictionary" ] && dictionary_option=("-dict=$dictionary")
    echo "== fuzz_$target for ${seconds}s (log: $log)"
    status=0
    # libFuzzer's -timeout and -report_slow_units count wall time, which a niced process on a
    # busy machine mostly spends waiting: both are set high, to catch deadlocks; slow units are
    # FuzzMain's CPU limit.
    # A Leak report needs ptrace, which some sandboxes forbid; leaks are still checked when allowed.
    ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
    ATLAS_RESOURCES_DIR="${ATLAS_RESOURCES_DIR:-$root/resources}" \
        nice -n 19 "$build/tests/fuzz/fuzz_$target" "$corpus" "$root/tests/fuzz/corpus/$target" \
        -max_total_time="$seconds" -timeout=120 -report_slow_units=120 -rss_limit_mb=2048 -max_len="$(max_len "$target")" \
        -artifact_prefix="$findings/" -print_final_stats=1 "${dictionary_option[@]}" \
        >"$log" 2>&1 || status=$?
    # The last status line: "#N  DONE  cov: C ft: F corp: K/..b ... exec/s: E ...".
    last=$(grep -E '^#[0-9]+[[:space:]]' "$log" | tail -1 || true)
    executions=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || true)
    [ -z "$executions" ] && executions=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$last")
    cov=$(grep -Eo 'cov: [0-9]+' <<<"$last" | grep -Eo '[0-9]+' || echo "?")
    ft=$(grep -Eo 'ft: [0-9]+' <<<"$last" | grep -Eo '[0-9]+' || echo "?")
    corp=$(grep -Eo 'corp: [0-9]+' <<<"$last" | grep -Eo '[0-9]+' || echo "?")
    rate=$(grep -Eo 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
    found=$(find "$findings" -type f | wc -l)
    if [ "$status" -ne 0 ] || [ "$found" -ne 0 ]; then
        failed=1
        echo "   FINDING (exit $status): see $log and $findings/"
    fi
    echo "| $target | $seconds | ${executions:-?} | $rate | $cov | $ft | $corp | $found |" >>"$summary.new"
done
mv "$summary.new" "$summary"
cat "$summary"
exit "$failed"
