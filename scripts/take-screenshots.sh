#!/usr/bin/env bash
# Retakes the screenshots of docs/screenshots that show the built-in models, under a real X
# server (xvfb-run), after a model is retrained. The focused heads are read from each model's
# head-roles.json, so the previous-token and determiner heads shown are the current best ones.
# Usage: scripts/take-screenshots.sh [BUILD_DIR] [gpt|bert|both]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${1:-$root/build}"
which="${2:-both}"
app="$build/app/attention-atlas"
cli="$build/app/attention-atlas-cli"
out="$root/docs/screenshots"

best_head() {  # best_head MODEL MEASURE -> "layer:head"
    python3 - "$root/resources/models/$1/head-roles.json" "$2" <<'PY'
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

keys="The keys to the old cabinet are on the table near the door."
man="The old man gave the book to his daughter"

shot() {  # shot MODEL FILE SIZE ARGS...
    local model="$1" file="$2" size="$3"
    shift 3
    xvfb-run -a "$app" --model "$model" --size "$size" --screenshot "$out/$file" "$@"
    echo "wrote docs/screenshots/$file"
}

if [[ "$which" == bert || "$which" == both ]]; then
    bert_prev=$(best_head bert prev)
    shot bert bert-main-window.png 1400x860 --text "The cat sat on the mat because it was tired." \
        --focus "$bert_prev"
    shot bert predictions-bert.png 1600x1000 --text "The cat sat on the mat." --view predictions \
        --mask-token 2 --focus "$bert_prev"
    "$cli" export --model bert --text "The cat sat on the mat because it was tired." \
        --view grid --width 2000 --out "$out/export-grid.png"
    echo "wrote docs/screenshots/export-grid.png"
fi
[[ "$which" == gpt || "$which" == both ]] || exit 0

prev=$(best_head gpt prev)
det=$(best_head gpt det)
subject=$(best_head gpt nsubj)

shot gpt main-window.png 1400x860 --text "$keys" --focus "$prev"
shot gpt focused-head.png 1400x860 --text "$keys" --focus "$det"
shot gpt line-view.png 1400x860 --text "$keys" --view lines --focus "$prev"
shot gpt head-roles.png 1400x860 --text "$keys" --view roles --role prev
shot gpt token-pair.png 1600x1000 --text "$man" --view pair --pair 8:4
shot gpt predictions-gpt.png 1600x1000 --text "The cat sat on the" --view predictions
shot gpt compare.png 1600x1000 --text "The keys to the cabinet are" --view compare \
    --compare-text "The key to the cabinets is" --focus "$subject"
shot gpt timeline-first.png 1600x1000 --text "$man" --view timeline --snapshot 0
shot gpt timeline-last.png 1600x1000 --text "$man" --view timeline --snapshot -1
shot gpt generation.png 1600x1000 --text "The old woman opened the door and" --generate 8
shot gpt lesson.png 1600x1000 --lesson 0:0
# A 1280x720 screen: the presentation must be readable on a small classroom projector too.
xvfb-run -a -s "-screen 0 1280x720x24" "$app" --model gpt --present --focus "$prev" --step 7 \
    --size 1280x720 \
    --text "The cat sat on the mat." --screenshot "$out/present-step-07.png"
echo "wrote docs/screenshots/present-step-07.png"
"$cli" export --model gpt --text "$keys" --view head --layer "${prev%%:*}" \
    --head "${prev##*:}" --width 1200 --out "$out/export-head.png"
echo "wrote docs/screenshots/export-head.png"
