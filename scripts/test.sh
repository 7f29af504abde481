#!/usr/bin/env bash
# `npm test`: see scripts/test-all.mjs for the steps and the summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
exec node scripts/test-all.mjs
