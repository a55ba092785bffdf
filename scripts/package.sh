#!/usr/bin/env bash
# Builds the Debian package: scripts/package.sh [--install-check] OUT_DIR writes
# OUT_DIR/attention-atlas_VERSION_ARCH.deb and fails if lintian reports an error or the AppStream
# file does not validate. The build is portable (no -march=native) and lives in $ATLAS_BUILD_DIR
# (default build-package/). --install-check then installs the package with apt-get, runs both
# programs from an unrelated folder, removes it and checks that none of its files remain; it
# changes the system, so it refuses to run where attention-atlas is already installed.
set -euo pipefail
umask 022

usage() {
    echo "usage: scripts/package.sh [--install-check] OUT_DIR" >&2
    exit 2
}
install_check=0
if [ "${1:-}" = "--install-check" ]; then
    install_check=1
    shift
fi
[ $# -eq 1 ] || usage

root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
build="${ATLAS_BUILD_DIR:-$root/build-package}"
jobs="${ATLAS_JOBS:-2}"
package=attention-atlas
maintainer="${ATLAS_MAINTAINER:-Attention Atlas maintainers <maintainers@users.noreply.h-seed-0632fd05.example>}"

say() { printf '\n== %s\n' "$*"; }
die() {
    echo "package.sh: $*" >&2
    exit 1
}

# --- Tools: the build's own dependencies, then what packaging and its checks need. ---
bash "$root/scripts/install-dependencies.sh"
tools=(dpkg-dev lintian appstream desktop-file-utils help2man)
[ "$install_check" = 1 ] && tools+=(xvfb xauth)
missing=()
for tool in "${tools[@]}"; do
    dpkg-query -W -f='${Status}' "$tool" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "Installing ${missing[*]}"
    sudo_command=
    [ "$(id -u)" -eq 0 ] || sudo_command=sudo
    DEBIAN_FRONTEND=noninteractive $sudo_command apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_command apt-get install -y -qq --no-install-recommends \
        "${missing[@]}"
fi

version=$(sed -n 's/^project([A-Za-z]* VERSION \([0-9][0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
[ -n "$version" ] || die "no project(... VERSION x.y.z) in CMakeLists.txt"
arch=$(dpkg --print-architecture)
deb="$out/${package}_${version}_${arch}.deb"
metainfo_source=$(ls "$root"/resources/*.metainfo.xml)
grep -q "<release version=\"$version\"" "$metainfo_source" ||
    die "$metainfo_source has no <release version=\"$version\">: add the release there first"

# --- Build: Release, portable, with Debian's hardening flags (as any Debian package has). ---
say "Building $package $version for $arch in $build"
export DEB_BUILD_MAINT_OPTIONS="hardening=+all"
# Release's -O3 and no -g replace dpkg-buildflags' -O2 -g; the binaries are stripped anyway.
export DEB_CXXFLAGS_MAINT_STRIP="-O2 -g"
cxxflags="$(cd "$root" && dpkg-buildflags --get CPPFLAGS) $(cd "$root" && dpkg-buildflags --get CXXFLAGS)"
ldflags=$(dpkg-buildflags --get LDFLAGS)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DATLAS_BUILD_UI=ON -DATLAS_BUILD_TESTS=OFF -DATLAS_BUILD_BENCH=OFF -DATLAS_NATIVE=OFF \
    -DATLAS_WERROR=OFF -DATLAS_SANITIZE=OFF \
    -DCMAKE_CXX_FLAGS="$cxxflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" >/dev/null
# A package must run on any CPU of its architecture; per-file SIMD targets are fine, native is not.
if grep -Eq -- '-m(arch|tune)=native' "$build/compile_commands.json"; then
    die "the build uses -march=native: the package would run only on CPUs like this one"
fi
nice -n 10 cmake --build "$build" -j"$jobs"

# --- Stage: what `cmake --install` puts under /usr, plus what Debian asks of every package. ---
work="$build/deb"
stage="$work/root"
rm -rf "$work"
mkdir -p "$stage"
cmake --install "$build" --prefix "$stage/usr" >/dev/null
for program in "$stage"/usr/bin/*; do
    # As dh_strip does: no symbols, no compiler notes, the build id kept.
    strip --remove-section=.comment --remove-section=.note --strip-unneeded "$program"
done

docs="$stage/usr/share/doc/$package"
mkdir -p "$docs" "$stage/usr/share/man/man1"
# The executables also hold code compiled from Eigen's and nlohmann/json's headers, hence their
# licences here; the shared libraries (Qt, QCustomPlot) come with their own packages.
cat >"$docs/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Attention Atlas
Comment: The executables contain code compiled from the headers of Eigen
 (MPL-2.0) and nlohmann/json (Expat). The built-in models in
 /usr/share/attention-atlas/models were trained by the Attention Atlas authors
 on public-domain books; their head-role tables are counts and scores measured
 on the Universal Dependencies English EWT treebank and contain none of its
 text. The programs link Qt 6 and QCustomPlot (GPL-3+) dynamically.

Files: *
Copyright: 2026 The Attention Atlas authors
License: no-licence-yet

License: no-licence-yet
 The authors have not yet published Attention Atlas under a licence; until
 they do, all rights are reserved by them.

License: MPL-2.0
 Eigen: Copyright 2006-2013 Benoit Jacob, 2008-2013 Gael Guennebaud and
 others. On Debian systems the full text of the Mozilla Public License 2.0 can
 be found in /usr/share/common-licenses/MPL-2.0.

License: Expat
 nlohmann/json: Copyright 2013-2022 Niels Lohmann.
 .
 Permission is hereby granted, free of charge, to any person obtaining a copy
 of this software and associated documentation files (the "Software"), to deal
 in the Software without restriction, including without limitation the rights
 to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
 copies of the Software, and to permit persons to whom the Software is
 furnished to do so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in
 all copies or substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
 SOFTWARE.
EOF
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
changelog_date=$(git -C "$root" log -1 --format=%cD 2>/dev/null || date -R)
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    commit="$commit plus uncommitted changes"
fi
cat >"$work/changelog" <<EOF
$package ($version) unstable; urgency=medium

  * Release $version: the desktop app attention-atlas, the command line
    attention-atlas-cli and the built-in gpt and bert models.
  * Built by scripts/package.sh from commit $commit.

 -- $maintainer  $changelog_date
EOF
gzip -9n -c "$work/changelog" >"$docs/changelog.gz"

# Manual pages from the programs' own --help, so they cannot drift from it. A throwaway home
# keeps a remembered interface language out of them.
help_home="$work/home"
mkdir -p "$help_home"
for program in attention-atlas attention-atlas-cli; do
    case $program in
    attention-atlas) summary="see every attention head of a small Transformer" ;;
    *) summary="run, export and analyse Transformer attention from the command line" ;;
    esac
    # Through PATH, so that the usage lines name the program, not the staging folder.
    env -u DISPLAY -u WAYLAND_DISPLAY -u LANGUAGE HOME="$help_home" \
        XDG_CONFIG_HOME="$help_home" LC_ALL=C.UTF-8 QT_QPA_PLATFORM=offscreen \
        PATH="$stage/usr/bin:$PATH" \
        help2man --no-info --name "$summary" --version-string "$version" \
        --output "$work/$program.1" "$program"
    gzip -9n -c "$work/$program.1" >"$stage/usr/share/man/man1/$program.1.gz"
done

chmod -R u=rwX,go=rX "$stage"
chmod 0755 "$stage"/usr/bin/*

# --- Control file: dependencies from the binaries themselves, sizes from the staged tree. ---
mkdir -p "$work/debian" "$stage/DEBIAN"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$package" "$package" \
    >"$work/debian/control"
shlibs=$(cd "$work" && dpkg-shlibdeps -O -e"$stage/usr/bin/attention-atlas" \
    -e"$stage/usr/bin/attention-atlas-cli" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || die "dpkg-shlibdeps found no dependencies"
# dpkg's own rule: each file's size rounded up to KiB, one KiB for each other entry.
installed_size=$(find "$stage" -path "$stage/DEBIAN" -prune -o -mindepth 1 -printf '%y %s\n' |
    awk '$1 == "f" { total += int(($2 + 1023) / 1024); next } { total += 1 } END { print total }')
cat >"$stage/DEBIAN/control" <<EOF
Package: $package
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed_size
Depends: $shlibs
Recommends: fonts-noto-cjk, qt6-translations-l10n
Section: science
Priority: optional
Description: see what every attention head of a small Transformer does
 Attention Atlas is a desktop app for seeing what every attention head of a
 Transformer does. Type a sentence: a small Transformer built into the app
 runs it, and every head of every layer appears as a heatmap, so heads that
 follow the previous word, the next word or a syntactic relation stand out.
 .
 It comes with two small models trained on public-domain books (a GPT-2 and a
 BERT) and opens Hugging Face GPT-2, BERT and DistilBERT folders. Views and
 numbers export to PNG, SVG, PDF, CSV and JSON. The interface is in English
 and Simplified Chinese.
 .
 attention-atlas-cli does the same without a display: it runs a model on a
 sentence, exports figures and analyses heads on a treebank.
EOF
(cd "$stage" && find usr -type f -printf '%P\n' | LC_ALL=C sort | sed 's|^|usr/|' |
    xargs -d '\n' md5sum) >"$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"

# Reproducible: no file in the package is newer than the commit it was built from.
SOURCE_DATE_EPOCH=$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)
export SOURCE_DATE_EPOCH
find "$stage" -newermt "@$SOURCE_DATE_EPOCH" -print0 |
    xargs -0r touch --no-dereference --date="@$SOURCE_DATE_EPOCH"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
say "Built $deb ($(du -h "$deb" | cut -f1), installed $installed_size KiB)"

# --- Checks: the staged programs run from elsewhere, the metadata validates, lintian passes. ---
say "Smoke test of the staged programs"
elsewhere=$(mktemp -d)
trap 'rm -rf "$elsewhere"' EXIT
models=$(cd "$elsewhere" && env -u ATLAS_RESOURCES_DIR "$stage/usr/bin/attention-atlas-cli" models)
grep -q "$stage/usr/share/$package/models/gpt" <<<"$models" ||
    die "the staged CLI does not find its models beside it: $models"
(cd "$elsewhere" && env -u ATLAS_RESOURCES_DIR "$stage/usr/bin/attention-atlas-cli" run \
    --model gpt --text "The cat sat on the mat." --format json >run.json) ||
    die "the staged CLI cannot run the built-in gpt"
echo "staged CLI: models found beside it, gpt ran ($(wc -c <"$elsewhere/run.json") bytes of JSON)"

say "appstreamcli validate --no-net"
appstreamcli validate --no-net "$stage"/usr/share/metainfo/*.metainfo.xml
say "desktop-file-validate"
desktop-file-validate "$stage/usr/share/applications/$package.desktop" && echo "no problems"
say "lintian"
lintian --fail-on error --display-info "$deb" || die "lintian reports errors"
echo "lintian: no errors"

if [ "$install_check" = 0 ]; then
    exit 0
fi

# --- Install check: apt-get install, run from an unrelated folder, remove, nothing left. ---
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "installed"; then
    die "--install-check: $package is already installed; remove it first"
fi
# "Nothing left behind" means: every path of the package that did not exist before the install
# is gone after the removal (shared folders such as /usr/share/man were there before).
dpkg-deb --fsys-tarfile "$deb" | tar -t | sed 's|^\.||; s|/$||' | grep -v '^$' >"$elsewhere/paths"
while read -r path; do [ -e "$path" ] || echo "$path"; done <"$elsewhere/paths" >"$elsewhere/new"
say "apt-get install $deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null
(
    cd "$elsewhere"
    unset ATLAS_RESOURCES_DIR
    attention-atlas-cli models | grep -q "/usr/share/$package/models/gpt"
    attention-atlas-cli run --model gpt --text "The cat sat on the mat." >/dev/null
    HOME="$elsewhere" xvfb-run -a -s "-screen 0 1600x1000x24" \
        attention-atlas --text "The cat sat on the mat." --screenshot "$elsewhere/window.png"
) || die "the installed programs do not run"
echo "installed: the CLI finds /usr/share/$package/models and runs gpt from $elsewhere;" \
    "the GUI drew $(wc -c <"$elsewhere/window.png") bytes of PNG"
say "apt-get remove $package"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$package" >/dev/null
left=$(while read -r path; do [ ! -e "$path" ] || echo "$path"; done <"$elsewhere/new")
[ -z "$left" ] || die "left behind after removal: $left"
echo "removed: none of the $(wc -l <"$elsewhere/new") paths it added remain"
