#!/usr/bin/env bash
# Collects every tr() string of ui/ and app/, and the titles and captions of the classroom's
# data files (ui/classroom/*.json), into translations/*.ts (new ones arrive "unfinished"), then
# lists what still needs a translation. Translate them in Qt Linguist
# (`linguist translations/attention-atlas_zh_CN.ts`) or by editing the XML; the build compiles
# the .ts files into the app. tests/ui/shell/tst_translations fails while any string is untranslated.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
lupdate="${LUPDATE:-}"
if [ -z "$lupdate" ]; then
    for candidate in /usr/lib/qt6/bin/lupdate "$(command -v lupdate6 || true)" \
                     "$(command -v lupdate || true)"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then
            lupdate="$candidate"
            break
        fi
    done
fi
if [ -z "$lupdate" ]; then
    echo "error: lupdate not found (Debian: apt install qt6-l10n-tools), or set LUPDATE" >&2
    exit 1
fi

cd "$root"
# lupdate does not read JSON: the data files' strings go to it as QT_TRANSLATE_NOOP lines.
data_strings=$(mktemp -d)
trap 'rm -rf "$data_strings"' EXIT
python3 - "$data_strings/classroom-data.cpp" <<'PYTHON'
import json, sys
lines = []
lessons = json.load(open("ui/classroom/lessons.json", encoding="utf-8"))
for lesson in lessons["lessons"]:
    for text in [lesson["title"]] + [step["caption"] for step in lesson["steps"]]:
        lines.append(("atlas::ui::Lessons", text))
for example in json.load(open("ui/classroom/examples.json", encoding="utf-8"))["examples"]:
    lines.append(("atlas::ui::Examples", example["title"]))
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for context, text in lines:
        out.write("QT_TRANSLATE_NOOP(%s, %s);\n" % (json.dumps(context), json.dumps(text, ensure_ascii=False)))
PYTHON
# No source locations: line numbers change with every edit and would churn the .ts files.
"$lupdate" -recursive ui app "$data_strings" -extensions cpp,h -locations none -no-obsolete \
    -ts translations/attention-atlas_*.ts

for ts in translations/attention-atlas_*.ts; do
    unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
    echo "$ts: $unfinished unfinished"
done
