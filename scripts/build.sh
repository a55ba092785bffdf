#!/usr/bin/env bash
# Configures and builds Attention Atlas (Release, portable) into build/ beside this script's
# folder, or into $ATLAS_BUILD_DIR. CI (CI=true) builds with the `dev` preset: warnings are errors.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${ATLAS_BUILD_DIR:-$root/build}"
preset=default
if [ "${CI:-}" = "true" ] || [ "${ATLAS_STRICT:-}" = "1" ]; then preset=dev; fi
(cd "$root" && cmake --preset "$preset" -B "$build" "$@" >/dev/null)
cmake --build "$build" -j"$(nproc)"
