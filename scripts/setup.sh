#!/usr/bin/env bash
# One-time setup on a fresh Debian machine (root or sudo): system packages, then the exact npm tree.
# Used by the README's two commands and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
pkgs=(openssl postgresql pcscd libpcsclite-dev vsmartcard-vpcd pcsc-tools chromium poppler-utils zbar-tools fonts-dejavu-core fonts-liberation2 iproute2 util-linux build-essential python3 espeak-ng)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Electron's binary cannot be downloaded here; its package still brings the type declarations.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# The renderer bundle the hosts serve, and the Node bundles (Electron main/preload, CLI + browser host).
npm run -s build
