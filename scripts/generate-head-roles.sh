#!/usr/bin/env bash
# Regenerates the head-role tables of the built-in models: resources/models/NAME/head-roles.json
# (read by the app) and docs/models/NAME-head-roles.md. The English models are measured on the UD
# English EWT dev set, the Chinese ones (NAME ending in -zh) on UD Chinese GSDSimp's.
# Usage: scripts/generate-head-roles.sh [NAME ...]   (default: gpt bert gpt-zh bert-zh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli="${ATLAS_CLI:-$root/build/app/attention-atlas-cli}"
english="${ATLAS_CONLLU_EN:-$root/../shared/data/ud/en_ewt-ud-dev.conllu}"
chinese="${ATLAS_CONLLU_ZH:-$root/../shared/data/ud/zh_gsdsimp-ud-dev.conllu}"
mkdir -p "$root/docs/models"
models=("$@")
if [[ ${#models[@]} -eq 0 ]]; then models=(gpt bert gpt-zh bert-zh); fi
for model in "${models[@]}"; do
    conllu="$english"
    if [[ "$model" == *-zh ]]; then conllu="$chinese"; fi
    "$cli" analyze --model "$model" --conllu "$conllu" --format json \
        --out "$root/resources/models/$model/head-roles.json"
    "$cli" analyze --model "$model" --conllu "$conllu" --format md \
        --out "$root/docs/models/$model-head-roles.md"
done
