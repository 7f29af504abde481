#!/usr/bin/env bash
# Prints one hash over the content of every file git tracks or would track (ignored files excluded).
# Outside a git checkout it prints a random value, so callers rebuild rather than trust a stale build.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  head -c 16 /dev/urandom | sha256sum | cut -d' ' -f1
  exit 0
fi
# Deleted-but-tracked files are skipped (sha256sum only sees files that exist).
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done \
  | xargs -0 -r sha256sum \
  | sha256sum | cut -d' ' -f1
