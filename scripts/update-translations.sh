#!/usr/bin/env bash
# Collects every tr() string of ui/ and app/ into translations/*.ts (new ones arrive
# "unfinished"), then lists what still needs a translation. Translate them in Qt Linguist
# (`linguist translations/attention-atlas_zh_CN.ts`) or by editing the XML; the build compiles
# the .ts files into the app. tests/ui/tst_translations fails while any string is untranslated.
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
# No source locations: line numbers change with every edit and would churn the .ts files.
"$lupdate" -recursive ui app -extensions cpp,h -locations none -no-obsolete \
    -ts translations/attention-atlas_*.ts

for ts in translations/attention-atlas_*.ts; do
    unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
    echo "$ts: $unfinished unfinished"
done
