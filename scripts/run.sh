#!/usr/bin/env bash
# Set-up and run: installs what is missing, builds, and starts the app on the built-in model.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-dependencies.sh"
bash "$root/scripts/build.sh"
app="${ATLAS_BUILD_DIR:-$root/build}/app/attention-atlas"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display found: starting the app inside a virtual X server (xvfb-run)."
    exec xvfb-run -a -s "-screen 0 1600x1000x24" "$app" "$@"
fi
exec "$app" "$@"
