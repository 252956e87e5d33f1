#!/usr/bin/env bash
# Installs the Debian packages thaireport needs to build, render and test, when missing.
set -euo pipefail
packages=(pkg-config libcairo2-dev libpango1.0-dev zlib1g-dev poppler-utils)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "error: the Swift toolchain (swift 5.9 or later) is not on PATH; install it from swift.org first" >&2
  exit 2
fi
