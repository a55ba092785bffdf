#!/usr/bin/env bash
# Regenerates the head-role tables of the built-in models from the UD English EWT dev set:
# resources/models/{gpt,bert}/head-roles.json (read by the app) and docs/models/*-head-roles.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli="${ATLAS_CLI:-$root/build/app/attention-atlas-cli}"
conllu="${1:-$root/../shared/data/ud/en_ewt-ud-dev.conllu}"
mkdir -p "$root/docs/models"
for model in gpt bert; do
    "$cli" analyze --model "$model" --conllu "$conllu" --format json \
        --out "$root/resources/models/$model/head-roles.json"
    "$cli" analyze --model "$model" --conllu "$conllu" --format md \
        --out "$root/docs/models/$model-head-roles.md"
done
