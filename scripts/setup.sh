#!/usr/bin/env bash
# One-time set-up on a fresh Debian machine: Debian's Chromium (the docs tests drive it; no browser
# is ever downloaded), then the npm dependencies exactly as locked.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

npm ci --no-audit --no-fund
