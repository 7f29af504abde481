#!/usr/bin/env bash
# `npm start`: install what is missing, build only when the sources changed, then serve the studio.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export PATH="$PWD/node_modules/.bin:$PATH"

bash scripts/ensure-deps.sh

# The build is keyed on the content of every tracked or new (not ignored) file; next build empties
# .next, and a failed build removes it, so the stamp only survives a successful build of these sources.
stamp=.next/.source-hash
hash="$(bash scripts/source-hash.sh)"
if [ ! -f .next/BUILD_ID ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
  next build
  echo "$hash" > "$stamp"
else
  echo "start: sources unchanged since the last build; skipping next build"
fi

exec next start -p "${PORT:-3000}"
