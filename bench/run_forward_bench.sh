#!/bin/sh
# Builds and runs the forward benchmark: our GPT-2 forward against PyTorch on the same weights.
# Usage: bench/run_forward_bench.sh [--tokens 16,64,256] [--threads 1,2] [--repeats 7]
# BUILD_DIR chooses the build folder (default build-bench beside the sources).
set -eu
source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BUILD_DIR:-$source_dir/build-bench}
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DATLAS_BUILD_UI=OFF -DATLAS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build_dir" --target forward_bench -j2 >/dev/null
exec "$build_dir/bench/forward_bench" --torch-script "$source_dir/bench/torch_forward.py" "$@"
