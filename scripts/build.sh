#!/usr/bin/env bash
# Configures and builds Attention Atlas (Release) into build/ beside this script's folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${ATLAS_BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
