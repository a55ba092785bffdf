#!/usr/bin/env bash
# Installs the Debian 12 packages Attention Atlas needs, only those missing (run as root).
set -euo pipefail

packages=(
    cmake g++ ninja-build pkg-config
    qt6-base-dev qt6-svg-dev qt6-l10n-tools qt6-tools-dev qt6-translations-l10n libqcustomplot-dev
    libeigen3-dev nlohmann-json3-dev libpcre2-dev libutf8proc-dev zlib1g-dev libicu-dev libopencc-dev
    fonts-dejavu-core fonts-noto-cjk
    xvfb xauth
)
# The decoder families (Llama, Qwen, ...) are tested against a PyTorch reference
# (tests/model/modern_reference.py), which bench/ also uses.
packages+=(python3-numpy python3-torch)
# The GPT-2 tokenizer parity test compares against npm's gpt-3-encoder; it needs node and npm.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
echo "Installing: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    sudo_command=sudo
else
    sudo_command=
fi
export DEBIAN_FRONTEND=noninteractive
$sudo_command apt-get update -qq
$sudo_command apt-get install -y -qq --no-install-recommends "${missing[@]}"
