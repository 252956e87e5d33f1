#!/usr/bin/env bash
# Sets up a fresh Debian machine, builds thaireport and renders the complete example report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# --static-swift-stdlib: the binary carries the Swift runtime and Foundation it uses (see README, "Speed").
swift build -c release --static-swift-stdlib
example=Templates/examples/complete-report.yaml
.build/release/thaireport render "$example" -o example.pdf
echo "open example.pdf (rendered from $example); the binary is .build/release/thaireport"
