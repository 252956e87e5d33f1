#!/usr/bin/env bash
# Sets up a fresh Debian machine, builds thaireport and renders the complete example report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# The release build with the options it ships with (static Swift runtime, code laid out for start-up).
bash scripts/release-build.sh
example=Templates/examples/complete-report.yaml
.build/release/thaireport render "$example" -o example.pdf
echo "open example.pdf (rendered from $example); the binary is .build/release/thaireport"
