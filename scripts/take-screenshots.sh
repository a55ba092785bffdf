#!/usr/bin/env bash
# Retakes the screenshots of docs/screenshots that show the built-in models, under a real X
# server (xvfb-run), after a model is retrained. The focused heads are read from each model's
# head-roles.json, so the previous-token and determiner heads shown are the current best ones.
# Usage: scripts/take-screenshots.sh [BUILD_DIR] [gpt|bert|both|modern]
# "modern" takes the views of a modern decoder (key/value groups, the attention sink switch, the
# distance profile, over ../shared/data/ud/en_ewt-ud-dev.conllu) on the real Llama stories260K,
# from ../shared/data/models/stories260K.
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

# Every window is taken on a 1280 x 720 screen, the smallest a classroom projector or a laptop
# offers: what is readable there is readable everywhere.
screen="-screen 0 1280x720x24"

shot() {  # shot MODEL FILE ARGS...
    local model="$1" file="$2"
    shift 2
    xvfb-run -a -s "$screen" "$app" --model "$model" --size 1280x720 --screenshot "$out/$file" "$@"
    echo "wrote docs/screenshots/$file"
}

if [[ "$which" == modern ]]; then
    stories="$root/../shared/data/models/stories260K"
    [[ -f "$stories/config.json" ]] || { echo "error: $stories is absent" >&2; exit 1; }
    story="Once upon a time, there was a little girl named Lily. She liked to play in the park with her dog."
    shot "$stories" kv-groups-stories260k.png --text "$story" --focus 2:3 --grid-zoom 1.4
    shot "$stories" sink-shown.png --text "$story" --focus 4:5
    shot "$stories" sink-hidden.png --text "$story" --focus 4:5 --hide-sink
    treebank="$root/../shared/data/ud/en_ewt-ud-dev.conllu"
    [[ -f "$treebank" ]] || { echo "error: $treebank is absent" >&2; exit 1; }
    shot "$stories" distance-profile.png --text "$story" --view distance --focus 1:1 \
        --treebank "$treebank"
    exit 0
fi

if [[ "$which" == bert || "$which" == both ]]; then
    bert_prev=$(best_head bert prev)
    shot bert bert-main-window.png --text "The cat sat on the mat because it was tired." \
        --focus "$bert_prev"
    shot bert predictions-bert.png --text "The cat sat on the mat." --view predictions \
        --mask-token 2 --focus "$bert_prev"
    "$cli" export --model bert --text "The cat sat on the mat because it was tired." \
        --view grid --width 2000 --out "$out/export-grid.png"
    echo "wrote docs/screenshots/export-grid.png"
fi
[[ "$which" == gpt || "$which" == both ]] || exit 0

prev=$(best_head gpt prev)
det=$(best_head gpt det)
subject=$(best_head gpt nsubj)

shot gpt main-window.png --text "$keys" --focus "$prev"
shot gpt text-size-2.5.png --text "$keys" --focus "$prev" --text-scale 2.5
shot gpt focused-head.png --text "$keys" --focus "$det"
shot gpt line-view.png --text "$keys" --view lines --focus "$prev"
shot gpt head-roles.png --text "$keys" --view roles --role prev
shot gpt token-pair.png --text "$man" --view pair --pair 8:4
shot gpt predictions-gpt.png --text "The cat sat on the" --view predictions
shot gpt compare.png --text "The keys to the cabinet are" --view compare \
    --compare-text "The key to the cabinets is" --focus "$subject"
shot gpt timeline-first.png --text "$man" --view timeline --snapshot 0
shot gpt timeline-last.png --text "$man" --view timeline --snapshot -1
shot gpt generation.png --text "The old woman opened the door and" --generate 8
# Beyond attention: the logit lens, each head's share of the prediction, the tokens that drive it.
story="Alice opened the door and saw the Queen. Then Alice opened the"
shot gpt logit-lens.png --text "$story" --view lens
shot gpt head-contributions.png --text "$story" --view contributions
shot gpt token-attribution.png --text "$story" --view attribution
shot gpt lesson.png --lesson 0:0
for step in 1 2 3 4 5 6 7 8 9; do
    shot gpt "present-step-0$step.png" --present --focus "$prev" --step "$step" \
        --text "The cat sat on the mat."
done
# The same steps as slides, from the command line.
"$cli" export --model gpt --text "The cat sat on the mat." --view steps --layer "${prev%%:*}" \
    --head "${prev##*:}" --width 1600 --out "$out/walkthrough.png"
echo "wrote docs/screenshots/walkthrough-stepNN.png"
shot gpt norm-view.png --text "$keys" --norm --focus "$prev"
shot gpt ablation-difference.png --text "$keys" --ablate 0:1,1:3 --focus "$prev"
# The Chinese interface, on a Chinese sentence (the built-in models read English, and say so).
shot gpt main-window-zh.png --language zh_CN --text "猫坐在垫子上，因为它累了。" --focus "$prev"
shot gpt present-zh.png --language zh_CN --present --focus "$prev" --step 5 \
    --text "The cat sat on the mat."
"$cli" export --model gpt --text "$keys" --view head --layer "${prev%%:*}" \
    --head "${prev##*:}" --width 1200 --out "$out/export-head.png"
echo "wrote docs/screenshots/export-head.png"
# File ▸ Train a model… mid-run: the previous-token preset trains for 30 seconds of wall-clock
# time (a scratch run folder), then the training window is taken. On a busy machine the run is
# earlier in its schedule at that moment; the caption in the README says which step it shows.
shot gpt train-live.png --train-preset previous-token --train-seconds 30
# The induction preset one minute in, after the sudden drop of the loss (about step 1,200 on the
# quiet machine), on a sentence said twice.
shot gpt train-induction.png --train-preset induction --train-seconds 60 \
    --text "The rabbit ran into the garden to find a carrot. The rabbit ran into the garden to find a carrot."
