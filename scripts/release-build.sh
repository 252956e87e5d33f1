#!/usr/bin/env bash
# Builds the release binary the way it ships: `swift build -c release` with the options below, and any
# extra arguments passed through (e.g. --scratch-path DIR, --product thaireport). See README, "Speed".
#
# --static-swift-stdlib: the binary carries the Swift runtime and Foundation it uses, instead of
#   mapping a dozen shared Swift libraries at start (6 MB less resident).
# When the toolchain has lld (swift.org toolchains and Debian's swiftlang ship it as ld.lld):
#   --symbol-ordering-file=scripts/hot-functions.txt: the functions a render runs are laid out side by
#     side, so the kernel maps 3 to 4 MB less of the 80 MB binary (it maps code 64 kB around each
#     page used). The list comes from `python3 scripts/hot-functions.py`; names it gives that are not
#     in the binary are skipped.
#   -z pack-relative-relocs, when glibc >= 2.36 (Debian 12 on) can load them: the binary's 79,000
#     relative relocations take 16 kB instead of 1.9 MB, all of which was read at every start.
# Without lld the build is the same but for the layout; the output PDFs are byte-identical.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release --static-swift-stdlib)
toolchain=$(dirname "$(readlink -f "$(command -v swift)")")
if [ -x "$toolchain/ld.lld" ] || command -v ld.lld >/dev/null; then
  flags+=(-Xswiftc -use-ld=lld
          -Xlinker "--symbol-ordering-file=$PWD/scripts/hot-functions.txt" -Xlinker --no-warn-symbol-ordering)
  glibc=$(getconf GNU_LIBC_VERSION | awk '{print $2}')
  if [ "$(printf '%s\n' 2.36 "$glibc" | sort -V | head -n 1)" = 2.36 ]; then
    flags+=(-Xlinker -z -Xlinker pack-relative-relocs)
  fi
fi
# SwiftPM relinks when sources change, not when linker options or the order file do: a binary linked
# otherwise (other options, another list, or by a plain `swift build` since) is removed first, so the
# one built is always linked as above.
bin="$(swift build "${flags[@]}" "$@" --show-bin-path)/thaireport"
stamp="$bin.link-options"
options="${flags[*]} $(cksum < scripts/hot-functions.txt)"
if [ -e "$bin" ] && { [ "$(cat "$stamp" 2>/dev/null)" != "$options" ] || [ "$bin" -nt "$stamp" ]; }; then rm -f "$bin"; fi
echo "swift build ${flags[*]} $*"
swift build "${flags[@]}" "$@"
printf '%s\n' "$options" > "$stamp"
