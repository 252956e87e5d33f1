#!/usr/bin/env bash
# Debian 13 "trixie" check from a Debian 12 host, as root: follows the README inside a minimal
# trixie root (Cairo 1.18, Pango 1.56), then renders every example.
#
#   bash scripts/debian13.sh [--fresh]
#
# 1. Debootstraps a minbase trixie root, or reuses the one there (--fresh: makes it anew).
# 2. Bind-mounts /proc, /dev, /dev/pts and /sys, and read-only the local package mirror(s) that git's
#    url.<dir>.insteadOf points at on this host, with the same insteadOf in the root's /etc/gitconfig,
#    so SwiftPM resolves the dependencies there as it does here.
# 3. Clones the committed HEAD of this checkout into the root (uncommitted work does not travel).
# 4. Runs the README's two commands there: scripts/example.sh, then scripts/test.sh. The root has no
#    Swift of its own: scripts/install-deps.sh installs Debian's swiftlang when `swift` is missing, so
#    a fresh root goes the way a fresh Debian 13 machine does (the first run installs it; later runs
#    reuse the root and its packages).
# 5. Renders Templates/examples/complete-report.yaml and Templates/*/examples/*.yaml with the release
#    binary and reports each exit status.
#
# Mounts are removed on every exit (error, SIGINT, SIGTERM), after stopping what still runs in the
# root; a run that was killed outright leaves mounts that the next run removes first. One run at a
# time per root (a lock). The test counts of the suite, then the closing line
# `debian13: N passed, N failed`, where example.sh and each example render count as one check each
# and a test.sh that ends without counts counts as one failure. Exit status 0 only when all passed.
#
# Environment: THAIREPORT_TRIXIE (folder of the root and the logs; default /var/tmp/thaireport-trixie),
#   MIRROR (Debian mirror for debootstrap; default http://deb.debian.org/debian).
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
fresh=no
case "${1:-}" in
  "") ;;
  --fresh) fresh=yes ;;
  *) echo "usage: bash scripts/debian13.sh [--fresh]" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "error: debian13.sh needs root (debootstrap, chroot, mount)" >&2; exit 2; }
work=${THAIREPORT_TRIXIE:-/var/tmp/thaireport-trixie}
mkdir -p "$work"
work=$(cd "$work" && pwd -P)
root=$work/root
logs=$work/logs/$(date +%Y%m%d-%H%M%S)
mirror=${MIRROR:-http://deb.debian.org/debian}
mkdir -p "$logs"
echo "debian13: root $root, logs $logs"
started=$SECONDS

# Mount points under the root, deepest first.
mounts() { awk -v r="$root" '$5 == r || index($5, r "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r; }
# Processes whose root directory is the trixie root: started by this script (or a killed run of it).
stop_processes() {
  local signal pids
  for signal in TERM KILL; do
    pids=$(for p in /proc/[0-9]*; do [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && echo "${p#/proc/}"; done || true)
    [ -n "$pids" ] || return 0
    kill -s "$signal" $pids 2>/dev/null || true
    sleep 2
  done
}
locked=no job=
cleanup() { # only with the lock: the root and its mounts are this run's then
  local m
  [ -z "$job" ] || kill "$job" 2>/dev/null || true
  [ "$locked" = yes ] || return 0
  stop_processes
  for m in $(mounts); do umount "$m" 2>/dev/null || umount -l "$m"; done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
# Long commands run in the background and are waited for, so that a signal runs the traps at once
# (bash runs a trap only after the foreground command it waits for has ended). They do not get the
# lock's descriptor: what a killed run leaves running must not keep the next run waiting.
wait_for() {
  local rc=0
  "$@" 9>&- &
  job=$!
  wait "$job" || rc=$?
  job=
  return $rc
}

exec 9>"$work/lock"
if ! flock -n 9; then
  echo "waiting for another run that uses $root"
  flock 9 & job=$!
  wait $job
  job=
fi
locked=yes
cleanup # what a run that was killed outright left: processes in the root, mounts
ls -1d "$work"/logs/*/ | head -n -10 | xargs -r rm -rf # the 10 newest runs' logs are kept

stamp=$SECONDS
# Only a folder that debootstrap made (finished or not) is ever removed.
if [ -n "$(ls -A "$root" 2>/dev/null)" ] && [ ! -e "$root/debootstrap" ] && [ ! -e "$root/etc/debian_version" ]; then
  echo "error: $root is not a debootstrapped root; move it away or set THAIREPORT_TRIXIE" >&2
  exit 2
fi
[ -z "$(mounts)" ] || { echo "error: still mounted under $root: $(mounts)" >&2; exit 2; }
if [ "$fresh" = yes ] || [ -e "$root/debootstrap" ]; then rm -rf --one-file-system "$root"; fi # anew, or unfinished
if [ ! -x "$root/bin/bash" ]; then
  command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
  wait_for debootstrap --variant=minbase trixie "$root" "$mirror" >"$logs/debootstrap.log" 2>&1 ||
    { echo "debootstrap failed (log: $logs/debootstrap.log)"; tail -n 5 "$logs/debootstrap.log"; exit 1; }
  echo "debootstrap: minbase trixie in $((SECONDS - stamp))s"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" # no services start in the root
chmod +x "$root/usr/sbin/policy-rc.d"

bind() { # bind SOURCE [ro]: at the same path inside the root
  mkdir -p "$root$1"
  mount --bind "$1" "$root$1"
  [ "${2:-}" != ro ] || mount -o remount,bind,ro "$root$1"
}
for m in /proc /dev /dev/pts /sys; do bind $m; done
# The package mirror(s): git's url.<dir>.insteadOf entries whose <dir> is a folder here.
rm -f "$root/etc/gitconfig"
while read -r key from; do
  dir=${key#url.}; dir=${dir%.insteadof}
  [ -d "$dir" ] || continue
  mountpoint -q "$root$dir" || bind "$dir" ro
  git config --file "$root/etc/gitconfig" --add "url.$dir.insteadOf" "$from"
done < <(git config --get-regexp '^url\..*\.insteadof$' || true)

rm -rf --one-file-system "$root/src/thaireport"
mkdir -p "$root/src"
head=$(git -C "$project" rev-parse HEAD)
git clone -q --no-hardlinks "$project" "$root/src/thaireport"
git -C "$root/src/thaireport" checkout -q --detach "$head"
echo "project: $(git -C "$project" log --oneline -1 "$head")"
[ -z "$(git -C "$project" status --porcelain --untracked-files=no)" ] ||
  echo "note: uncommitted changes in $project are not part of this run"

in_root() { # in_root COMMAND: as a login on a fresh machine would, in the project's clone
  chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb CI="${CI:-}" \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -c "cd /src/thaireport && $1" </dev/null 9>&-
}
passed=0 failed=0
check() { # check PASSED: one more check, passed (0) or failed
  if [ "$1" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
step() { # step NAME COMMAND: runs in the root, log in $logs/NAME.log; sets rc
  local t=$SECONDS
  rc=0
  wait_for in_root "$2" >"$logs/$1.log" 2>&1 || rc=$?
  echo "$1: exit $rc in $((SECONDS - t))s (log: $logs/$1.log)"
  tail -n 3 "$logs/$1.log" | sed 's/^/    /'
}

before=$(in_root 'swift --version 2>/dev/null | grep "Swift version"' || true)
echo "swift in the root before the README's commands: ${before:-none (scripts/install-deps.sh installs swiftlang)}"
step example 'bash scripts/example.sh'
check $rc
step test 'bash scripts/test.sh'
counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logs/test.log" | tail -n 1 || true)
if [ -n "$counts" ]; then
  read -r p _ f _ <<<"$counts"
  passed=$((passed + p)) failed=$((failed + f))
  echo "test counts: $counts"
  grep '^failed: ' "$logs/test.log" | sed 's/^/    /' || true
else
  echo "test counts: none (test.sh ended before counting; counted as one failure)"
  check 1
fi
cp "$root/src/thaireport/.build/test-results.xml" "$logs/" 2>/dev/null || true

echo "versions: $(in_root 'swift --version 2>&1 | head -n 1; for m in cairo pango libqpdf; do
  printf "%s %s, " $m "$(pkg-config --modversion $m 2>/dev/null || echo none)"; done
  pdftotext -v 2>&1 | head -n 1' | tr '\n' ' ')"

mkdir -p "$logs/renders"
for example in "$root"/src/thaireport/Templates/examples/complete-report.yaml "$root"/src/thaireport/Templates/*/examples/*.yaml; do
  example=${example#"$root/src/thaireport/"}
  name=$(basename "$example" .yaml)
  rc=0
  in_root ".build/release/thaireport render '$example' -o '/tmp/$name.pdf'" >"$logs/renders/$name.log" 2>&1 || rc=$?
  mv "$root/tmp/$name.pdf" "$logs/renders/" 2>/dev/null || true
  echo "render $example: exit $rc $(head -c 300 "$logs/renders/$name.log")"
  check $rc
done

echo "debian13 step: $((SECONDS - started))s; logs in $logs"
echo "debian13: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
