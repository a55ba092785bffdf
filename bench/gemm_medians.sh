#!/bin/sh
# The layer products of forward_bench (--gemm-only, AVX-512, T = 256, one thread) run N times for
# each binary given, alternated, with the median share of the widest unit's FMA peak per product.
# One run's shares move by several points with what else the host runs; medians of alternated
# runs compare two builds fairly.
# Usage: bench/gemm_medians.sh N FORWARD_BENCH [FORWARD_BENCH ...]
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 N FORWARD_BENCH [FORWARD_BENCH ...]" >&2
    exit 2
fi
count=$1
shift
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
for i in $(seq "$count"); do
    for binary in "$@"; do
        "$binary" --gemm-only --no-torch --layers 1 --tokens 256 --repeats 9 --kernels avx512 |
            awk -v binary="$binary" '/attn_qkv|attn_out|mlp_in|mlp_out/ {
                share = $NF; sub("%", "", share); print binary, $3, $6, share }' >>"$rows"
    done
done
python3 - "$rows" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    binary, product, gflops, share = line.split()
    runs[(binary, product)].append((float(share), float(gflops)))
print(f"{'binary':40s} {'product':9s} {'median':>7s}  shares of the widest peak, GFLOP/s")
for (binary, product), values in runs.items():
    shares = sorted(share for share, _ in values)
    rates = sorted(rate for _, rate in values)
    print(f"{binary:40s} {product:9s} {statistics.median(shares):6.1f}%  {shares}, "
          f"median {statistics.median(rates):.1f}")
PY
