#!/usr/bin/env bash
# Retakes the screenshots of docs/screenshots that show the built-in gpt model, under a real X
# server (xvfb-run), after the model is retrained. The focused heads are read from the model's
# head-roles.json, so the previous-token and determiner heads shown are the current best ones.
# Usage: scripts/take-screenshots.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${1:-$root/build}"
app="$build/app/attention-atlas"
cli="$build/app/attention-atlas-cli"
out="$root/docs/screenshots"
roles="$root/resources/models/gpt/head-roles.json"

best_head() {  # best_head MEASURE -> "layer:head"
    python3 - "$roles" "$1" <<'PY'
import json, sys
table, measure = json.load(open(sys.argv[1])), sys.argv[2]
def score(head):
    if measure in head:
        return head[measure]
    relation = head.get("relations", {}).get(measure)
    return relation if isinstance(relation, (int, float)) else -1
best = max(table["heads"], key=score)
print(f'{best["layer"]}:{best["head"]}')
PY
}

prev=$(best_head prev)
det=$(best_head det)
subject=$(best_head nsubj)
keys="The keys to the old cabinet are on the table near the door."
man="The old man gave the book to his daughter"

shot() {  # shot FILE SIZE ARGS...
    local file="$1" size="$2"
    shift 2
    xvfb-run -a "$app" --model gpt --size "$size" --screenshot "$out/$file" "$@"
    echo "wrote docs/screenshots/$file"
}

shot main-window.png 1400x860 --text "$keys" --focus "$prev"
shot focused-head.png 1400x860 --text "$keys" --focus "$det"
shot line-view.png 1400x860 --text "$keys" --view lines --focus "$prev"
shot head-roles.png 1400x860 --text "$keys" --view roles --role prev
shot token-pair.png 1600x1000 --text "$man" --view pair --pair 8:4
shot predictions-gpt.png 1600x1000 --text "The cat sat on the" --view predictions
shot compare.png 1600x1000 --text "The keys to the cabinet are" --view compare \
    --compare-text "The key to the cabinets is" --focus "$subject"
shot timeline-first.png 1600x1000 --text "$man" --view timeline --snapshot 0
shot timeline-last.png 1600x1000 --text "$man" --view timeline --snapshot -1
shot generation.png 1600x1000 --text "The old woman opened the door and" --generate 8
shot lesson.png 1600x1000 --lesson 0:0
xvfb-run -a "$app" --model gpt --present --focus "$prev" --step 7 --size 1920x1080 \
    --text "The cat sat on the mat." --screenshot "$out/present-step-07.png"
echo "wrote docs/screenshots/present-step-07.png"
"$cli" export --model gpt --text "$keys" --view head --layer "${prev%%:*}" \
    --head "${prev##*:}" --width 1200 --out "$out/export-head.png"
echo "wrote docs/screenshots/export-head.png"
