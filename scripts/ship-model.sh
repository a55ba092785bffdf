#!/usr/bin/env bash
# Copies a finished `attention-atlas-cli train` run into resources/models/NAME as the built-in
# model: the model folder (config.json, model.safetensors, tokenizer files) and the listed
# snapshots for the training timeline, then the loss curve into docs/models/. Head roles are
# regenerated separately (scripts/generate-head-roles.sh).
# Usage: scripts/ship-model.sh NAME RUN_DIR [SNAPSHOT_STEP ...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name="$1"
run="$2"
shift 2
target="$root/resources/models/$name"
for file in config.json model.safetensors; do
    [[ -f "$run/$file" ]] || { echo "error: $run/$file is missing (has the run finished?)" >&2; exit 1; }
done
staging=$(mktemp -d "$root/resources/models/.$name.XXXXXX")
chmod 755 "$staging"
trap 'rm -rf "$staging"' EXIT
copy_folder() {  # copy_folder FROM TO: the files a model folder needs, nothing else
    mkdir -p "$2"
    for file in config.json model.safetensors vocab.json merges.txt vocab.txt tokenizer_config.json; do
        if [[ -f "$1/$file" ]]; then cp "$1/$file" "$2/"; fi
    done
}
copy_folder "$run" "$staging"
for step in "$@"; do
    snapshot=$(printf 'step-%06d' "$step")
    [[ -d "$run/snapshots/$snapshot" ]] || { echo "error: $run/snapshots/$snapshot is missing" >&2; exit 1; }
    copy_folder "$run/snapshots/$snapshot" "$staging/snapshots/$snapshot"
done
# Swap in one rename, so a failed copy never leaves a half-replaced model.
rm -rf "$target.old"
if [[ -d "$target" ]]; then mv "$target" "$target.old"; fi
mv "$staging" "$target"
rm -rf "$target.old"
trap - EXIT
if [[ -f "$run/loss.csv" ]]; then cp "$run/loss.csv" "$root/docs/models/$name-loss.csv"; fi
if [[ -f "$run/loss.png" ]]; then cp "$run/loss.png" "$root/docs/models/$name-loss.png"; fi
du -sh "$target" "$root/resources"
