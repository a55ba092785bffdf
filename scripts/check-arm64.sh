#!/usr/bin/env bash
# Proves the code has no x86-only path without a portable fallback: cross-builds the CLI for
# 64-bit Arm (aarch64), runs it under qemu-user on both built-in models and compares its attention
# with the x86-64 CLI's, weight by weight (max |difference| <= 1e-4). Exit status 0 when every
# comparison passes, 1 on any difference above the tolerance or any failure.
#
# Installs what is missing (Debian 12, as root or through sudo): g++-aarch64-linux-gnu (with
# Debian's arm64 glibc and libstdc++ for cross builds), qemu-user, cmake, ninja, python3,
# pkg-config, the header-only Eigen and nlohmann-json, which serve both architectures, and the
# arm64 builds of PCRE2, utf8proc, ICU and zlib (Debian multiarch). OpenCC's arm64 library is not
# co-installable with the amd64 one that the native build needs (libopencc1.1 is not "Multi-Arch:
# same": installing it removes the amd64 package), so its two arm64 packages are downloaded and
# unpacked into the aarch64 build folder, never installed. The script never removes a package.
#
# Environment:
#   ATLAS_ARM64_BUILD_DIR  the aarch64 build folder (default: build-arm64 in the source tree)
#   ATLAS_BUILD_DIR        a native build folder whose app/attention-atlas-cli is the reference
#                          (default: build/ if it has the CLI, else <arm64 build folder>-host,
#                          where the CLI alone is built)
#   ATLAS_ARM64_TOLERANCE  the largest allowed |difference| (default 1e-4)
#   ATLAS_ARM64_KERNELS    the ATLAS_KERNEL values the aarch64 CLI is run with, each compared with
#                          the x86-64 CLI's default (auto) run (default: "auto reference eigen")
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
arm_build="${ATLAS_ARM64_BUILD_DIR:-$root/build-arm64}"
tolerance="${ATLAS_ARM64_TOLERANCE:-1e-4}"
triple=aarch64-linux-gnu
sysroot=/usr/$triple
jobs=$(nproc)
started=$SECONDS

say() { printf '\n== %s\n' "$*"; }
die() { echo "check-arm64: error: $*" >&2; exit 1; }
elapsed() { printf '%dm%02ds' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)); }

# --- 1. What is needed -----------------------------------------------------------------------
# The CLI links glibc, libstdc++ and libgcc, which g++-aarch64-linux-gnu brings (Debian's arm64
# builds under /usr/aarch64-linux-gnu: libc6-dev-arm64-cross, libstdc++-12-dev-arm64-cross), and
# PCRE2 and utf8proc (tokenizer.json), ICU (word breaks), OpenCC (Traditional Chinese input) and
# zlib (gzip files), installed as foo-dev:arm64 through Debian multiarch
# (dpkg --add-architecture arm64) and found by cmake/aarch64-linux-gnu.cmake's pkg-config path.
host_packages=(g++-aarch64-linux-gnu qemu-user cmake ninja-build python3 pkg-config libeigen3-dev
               nlohmann-json3-dev)
arm64_packages=(libpcre2-dev:arm64 libutf8proc-dev:arm64 libicu-dev:arm64 zlib1g-dev:arm64
                libmarisa0:arm64)
# Unpacked, not installed (see above).
arm64_unpacked=(libopencc1.1:arm64 libopencc-dev:arm64)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
for package in "${host_packages[@]}"; do
    case "$package" in
        # qemu-user-static provides the same emulator; either will do.
        qemu-user) command -v qemu-aarch64 >/dev/null || command -v qemu-aarch64-static >/dev/null ||
                       missing+=("$package") ;;
        python3) command -v python3 >/dev/null || missing+=("$package") ;;
        *) installed "$package" || missing+=("$package") ;;
    esac
done
for package in "${arm64_packages[@]}"; do
    installed "$package" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
    say "Installing: ${missing[*]}"
    sudo_command=()
    if [ "$(id -u)" -ne 0 ]; then sudo_command=(sudo); fi
    export DEBIAN_FRONTEND=noninteractive
    apt_get=("${sudo_command[@]}" apt-get -o DPkg::Lock::Timeout=600)
    if [ ${#arm64_packages[@]} -gt 0 ] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
        "${sudo_command[@]}" dpkg --add-architecture arm64
        "${apt_get[@]}" update -qq
    fi
    # Try with the package lists there are; refresh them only if that fails. --no-remove: a
    # package this needs must never take away one the machine has.
    if ! "${apt_get[@]}" install -y -qq --no-remove --no-install-recommends "${missing[@]}"; then
        "${apt_get[@]}" update -qq
        "${apt_get[@]}" install -y -qq --no-remove --no-install-recommends "${missing[@]}"
    fi
fi
# OpenCC for arm64 in a folder of its own, its pkg-config file pointed at it.
unpacked=$arm_build/arm64-root
if [ ! -f "$unpacked/usr/lib/$triple/pkgconfig/opencc.pc" ]; then
    say "Unpacking (not installing): ${arm64_unpacked[*]}"
    mkdir -p "$arm_build/arm64-debs" "$unpacked"
    (cd "$arm_build/arm64-debs" && apt-get download "${arm64_unpacked[@]}" >/dev/null) ||
        die "apt-get download ${arm64_unpacked[*]} failed"
    for deb in "$arm_build"/arm64-debs/*.deb; do
        dpkg-deb -x "$deb" "$unpacked"
    done
    sed -i -E "s#^(prefix|libdir|includedir)=/usr#\1=$unpacked/usr#" \
        "$unpacked/usr/lib/$triple/pkgconfig/opencc.pc"
fi
# Read by cmake/aarch64-linux-gnu.cmake.
export ATLAS_ARM64_PKG_CONFIG_PATH=$unpacked/usr/lib/$triple/pkgconfig
qemu=$(command -v qemu-aarch64 || command -v qemu-aarch64-static) || die "no qemu-aarch64"
[ -d "$sysroot/lib" ] || die "no arm64 sysroot at $sysroot (libc6-arm64-cross)"

# --- 2. The x86-64 reference CLI ----------------------------------------------------------------
configure_and_build_cli() {  # folder, extra cmake arguments...
    local folder=$1
    shift
    nice -n 10 cmake -S "$root" -B "$folder" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DATLAS_BUILD_UI=OFF -DATLAS_BUILD_TESTS=OFF -DATLAS_BUILD_BENCH=OFF "$@" >/dev/null
    nice -n 10 cmake --build "$folder" --target attention-atlas-cli -j"$jobs"
}

if [ -n "${ATLAS_BUILD_DIR:-}" ]; then
    host_build=$ATLAS_BUILD_DIR
elif [ -x "$root/build/app/attention-atlas-cli" ]; then
    host_build=$root/build
else
    host_build=$arm_build-host
fi
host_cli=$host_build/app/attention-atlas-cli
if [ ! -x "$host_cli" ]; then
    say "Building the x86-64 CLI in $host_build"
    if [ -f "$host_build/CMakeCache.txt" ]; then
        nice -n 10 cmake --build "$host_build" --target attention-atlas-cli -j"$jobs"
    else
        configure_and_build_cli "$host_build"
    fi
fi
[ -x "$host_cli" ] || die "no x86-64 CLI at $host_cli"
newer=$(find "$root/core" "$root/app/cli" -newer "$host_cli" \( -name '*.cpp' -o -name '*.h' \
        -o -name '*.inc' \) -print -quit)
if [ -n "$newer" ]; then
    echo "check-arm64: warning: $host_cli is older than $newer; the reference may be stale" >&2
fi

# --- 3. The aarch64 CLI -------------------------------------------------------------------------
say "Cross-building the aarch64 CLI in $arm_build ($(aarch64-linux-gnu-g++ -dumpfullversion))"
configure_and_build_cli "$arm_build" -DCMAKE_TOOLCHAIN_FILE="$root/cmake/aarch64-linux-gnu.cmake"
arm_cli=$arm_build/app/attention-atlas-cli
machine=$(LC_ALL=C readelf -h "$arm_cli" | sed -n 's/^ *Machine: *//p')
[ "$machine" = AArch64 ] || die "$arm_cli is built for '$machine', not AArch64"
needed=$(LC_ALL=C readelf -d "$arm_cli" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
echo "$arm_cli: $machine, needs: $needed"
echo "build done at $(elapsed)"

# The multiarch libraries (PCRE2, utf8proc, ICU, zlib) and the unpacked OpenCC live outside the
# cross sysroot. The sysroot's own libraries come first: the multiarch packages bring Debian's
# arm64 glibc too, and that libc under the sysroot's dynamic loader (another build of the same
# version) hung the CLI in its start-up.
arm_run() {
    "$qemu" -L "$sysroot" \
        -E "LD_LIBRARY_PATH=$sysroot/lib:$unpacked/usr/lib/$triple:/usr/lib/$triple:/lib/$triple" \
        "$arm_cli" "$@"
}

# --- 4. Both CLIs on both built-in models -------------------------------------------------------
say "Running both CLIs (x86-64: $host_cli; aarch64 under $(basename "$qemu"))"
echo "x86-64:  $("$host_cli" --version)"
echo "aarch64: $(arm_run --version)"

out=$arm_build/check
rm -rf "$out"
mkdir -p "$out"
# A sentence, and a paragraph longer than either model's context (GPT 64 tokens, BERT 128), so
# the full context is computed too.
texts=(
    "The old lighthouse keeper said that the storm would pass before morning, but nobody believed him."
    "When the river flooded in the spring, the villagers carried their furniture to the upper floors \
and waited. Some of them had seen it before; the oldest remembered three floods, each worse than \
the last, and the stories of a fourth that their grandparents told. The children thought it was an \
adventure. They watched boats drift down the main street, past the bakery and the school, while \
their parents counted sandbags and argued about the council, the dam upstream and the weather. By \
the end of the week the water went down, leaving mud on every wall, a smell that lasted all summer, \
and a line on the church door that someone painted over in red, with the year beside it, so that \
nobody would forget how high it had come."
)
# The aarch64 CLI runs once per kernel (auto picks the portable SIMD level there).
read -r -a kernels <<<"${ATLAS_ARM64_KERNELS:-auto reference eigen}"
status=0
summary=()
for model in gpt bert; do
    model_worst=0
    model_failed=0
    compared=0
    for index in "${!texts[@]}"; do
        name=$model-$index
        # The reference: what x86-64 users run (the best kernel their CPU has).
        reference_ok=1
        if ! ATLAS_KERNEL=auto "$host_cli" run --model "$model" --text "${texts[$index]}" \
                --out "$out/$name.x86_64.json" 2>"$out/$name.x86_64.err"; then
            echo "$name x86-64: FAIL the run failed:"; cat "$out/$name.x86_64.err"
            status=1; model_failed=1; reference_ok=0
        fi
        for kernel in "${kernels[@]}"; do
            label="$name aarch64 ATLAS_KERNEL=$kernel"
            result=$out/$name.aarch64-$kernel
            if ! ATLAS_KERNEL=$kernel arm_run run --model "$model" --text "${texts[$index]}" \
                    --out "$result.json" 2>"$result.err"; then
                echo "$label: FAIL the run failed:"; cat "$result.err"
                status=1; model_failed=1; continue
            fi
            if [ "$reference_ok" -eq 0 ]; then
                echo "$label: ran, nothing to compare with"
                continue
            fi
            line=$(python3 "$root/scripts/compare-attention.py" --tolerance "$tolerance" \
                   --label "$label" "$out/$name.x86_64.json" "$result.json") ||
                { status=1; model_failed=1; }
            echo "$line"
            worst=$(sed -n 's/.*max |attention difference| = \([^ ]*\) .*/\1/p' <<<"$line" | head -n1)
            model_worst=$(python3 -c "print('%.3e' % max(float('$model_worst'), float('${worst:-inf}')))")
            compared=$((compared + 1))
        done
    done
    verdict=ok
    if [ "$model_failed" -ne 0 ]; then verdict=FAIL; fi
    if [ "$compared" -eq 0 ]; then model_worst="n/a (nothing compared)"; fi
    summary+=("$model: $verdict, max |attention difference| aarch64 vs x86-64 = $model_worst")
done

say "Result (tolerance $tolerance, $(elapsed) in all)"
printf '%s\n' "${summary[@]}"
if [ "$status" -ne 0 ]; then
    echo "check-arm64: FAILED"
    exit 1
fi
echo "check-arm64: passed"
