#!/usr/bin/env bash
# Installs only what is missing, so `npm start` and `npm test` work on a fresh clone and stay fast after:
# npm packages (npm ci when node_modules is older than package-lock.json), the real Helm binary,
# and with --browser the Debian Chromium that Playwright drives (Playwright's own download needs network).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

want_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    *) echo "ensure-deps: unknown argument $arg (usage: ensure-deps.sh [--browser])" >&2; exit 2 ;;
  esac
done

# The stamp is written after a successful npm ci; a newer lock file means the install is stale.
stamp=node_modules/.install-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "ensure-deps: npm ci"
  npm ci --no-audit --no-fund
  touch "$stamp"
fi

node scripts/ensure-helm.mjs

if [ "$want_browser" = 1 ]; then
  chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$chromium" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "ensure-deps: installing chromium with apt-get"
      apt-get update
      DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
    else
      echo "ensure-deps: $chromium is missing; install it with: sudo apt-get update && sudo apt-get install -y chromium" >&2
      echo "ensure-deps: (or point CHROMIUM_PATH at a Chromium binary)" >&2
      exit 1
    fi
  fi
fi
