#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer) of the parse → template → model path for a fixed time.
#   scripts/fuzz.sh [SECONDS]   (default 60; THAIREPORT_FUZZ_SECONDS also sets it)
# Builds the package in Fuzz/ (its own .build, so the main build never links libFuzzer) with
# -sanitize=fuzzer, seeds the corpus with every description in Tests/Fixtures and Templates, and runs
# with libFuzzer's limits set to the project's: 10 s per input, 500 MB. A crash, hang or memory
# overrun exits non-zero and leaves the input as Fuzz/crash-* / timeout-* / oom-*.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-${THAIREPORT_FUZZ_SECONDS:-60}}
cd "$root/Fuzz"
swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library 2>&1 | grep -vE '^warning: prohibited flag|^\[' || true
binary=$(swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library --show-bin-path)/FuzzDescription
[ -x "$binary" ] || { echo "fuzz: the fuzz target did not build" >&2; exit 1; }
work=$(mktemp -d /tmp/thaireport-libfuzzer.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/files"
# The fixtures' pictures and CSV files beside the inputs, so `image:` and `rows-from:` paths resolve.
cp -r "$root/Tests/Fixtures/." "$work/files/"
cp -r "$root/Templates/examples/." "$work/files/"
find "$root/Tests/Fixtures" "$root/Templates" -name '*.yaml' | sort | while read -r file; do
  cp "$file" "$work/corpus/$(echo "$file" | md5sum | cut -c1-16).yaml"
done
# Swift's own crash reporter would catch a trap first and end the process before libFuzzer writes the
# input that caused it: leave crashes to libFuzzer, which writes Fuzz/crash-* and prints the stack.
export THAIREPORT_HOME="$root" THAIREPORT_FUZZ_FOLDER="$work/files" SWIFT_BACKTRACE=enable=no
echo "fuzz: libFuzzer for ${seconds} s over $(ls "$work/corpus" | wc -l) seeds"
"$binary" "$work/corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=500 -max_len=65536 \
  -artifact_prefix="$root/Fuzz/" -print_final_stats=1 2>"$work/log" || {
    # The seed, then the finding and its stack (libFuzzer's report starts at "==").
    grep -m1 'INFO: Seed' "$work/log" >&2; sed -n '/^==[0-9]*== ERROR\|^==[0-9]*==ERROR\|deadly signal/,$p' "$work/log" | head -80 >&2
    tail -5 "$work/log" >&2; ls "$root"/Fuzz/crash-* "$root"/Fuzz/timeout-* "$root"/Fuzz/oom-* 2>/dev/null >&2; exit 1; }
grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done' "$work/log" || tail -3 "$work/log"
