#!/usr/bin/env bash
# Installs the Debian packages thaireport needs to build, render and test, when missing.
# Where no Swift toolchain is on PATH and Debian has one (swiftlang, Debian 13 and later), installs it too.
set -euo pipefail
# git: SwiftPM fetches the package's dependencies with it. libqpdf-dev: the PDF back end reads and
# amends Cairo's output through libqpdf's C API (qpdf/qpdf-c.h). poppler-utils and qpdf: the tests
# read rendered PDFs back with pdftotext and pdfinfo, and uncompress them with qpdf. libjpeg-dev:
# JPEG pictures are checked by decoding them with libjpeg before they are passed to the PDF. g++: the
# test suite's coverage-guided fuzz target (scripts/fuzz.sh) links libFuzzer, which needs the C++
# standard library (libstdc++-N-dev, which g++ brings for the system's compiler version).
packages=(pkg-config git ca-certificates libcairo2-dev libpango1.0-dev libqpdf-dev libjpeg-dev poppler-utils qpdf g++)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f '${Status}' "$package" 2>/dev/null | grep -q ' installed$' || missing+=("$package")
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
updated=no
apt_update() { [ $updated = yes ] || { $sudo apt-get update -qq; updated=yes; }; }

# `swift` alone could be another program of that name (OpenStack's client is packaged as swift).
if ! swift --version 2>/dev/null | grep -q 'Swift version'; then
  apt_update
  if apt-cache show swiftlang >/dev/null 2>&1; then
    missing+=(swiftlang)
  else
    . /etc/os-release
    cat >&2 <<EOF
error: no Swift toolchain on PATH, and ${PRETTY_NAME:-this system} has no swiftlang package
(Debian packages Swift from Debian 13 on). Install Swift 5.9 or later from swift.org
(https://www.swift.org/install/linux/: unpack the Debian 12 toolchain and put its usr/bin on PATH),
then run this command again.
EOF
    exit 2
  fi
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
