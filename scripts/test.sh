#!/usr/bin/env bash
# Installs what the tests need and runs the whole test suite (XCTest), each test in its own process
# (`swift test --parallel`, as many at once as there are cores), so that a test that crashes is one
# failure and the others still run. Counts come from the xUnit report, .build/test-results.xml; the
# closing line is `N passed, N failed` for the whole run. Exit status 0 only when every test passed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
results=.build/test-results.xml
rm -f "$results"
status=0
swift test --skip-build --disable-swift-testing --parallel --xunit-output "$results" || status=$?
if [ ! -s "$results" ]; then
  echo "error: swift test wrote no test report ($results); exit status $status" >&2
  exit $(( status == 0 ? 1 : status ))
fi
# Coverage-guided fuzzing (libFuzzer) of parse → template → model for a fixed time, counted as one
# test: THAIREPORT_FUZZ_SECONDS (default 60; 0 skips it).
fuzz=skipped
if [ "${THAIREPORT_FUZZ_SECONDS:-60}" != 0 ]; then
  if bash scripts/fuzz.sh "${THAIREPORT_FUZZ_SECONDS:-60}"; then fuzz=passed; else fuzz=failed; fi
fi
# One record per <testcase>: a failure element inside it (an assertion, a crash) fails it.
awk -v status="$status" -v fuzz="$fuzz" 'BEGIN { RS = "<testcase "; passed = 0; failed = 0 }
  NR > 1 {
    if ($0 !~ /<failure/) { passed++; next }
    failed++
    class = $0; sub(/.*classname="/, "", class); sub(/".*/, "", class)
    name = $0; sub(/.*[ \t\n]name="/, "", name); sub(/".*/, "", name)
    print "failed: " class "." name
  }
  END {
    if (fuzz == "passed") passed++
    if (fuzz == "failed") { failed++; print "failed: libFuzzer (scripts/fuzz.sh)" }
    if (failed == 0 && status != 0) print "error: swift test exited " status " though its report lists no failed test"
    print passed " passed, " failed " failed"
  }' "$results"
[ "$status" -ne 0 ] || ! grep -q '<failure' "$results" || status=1
[ "$fuzz" != failed ] || status=1
exit $status
