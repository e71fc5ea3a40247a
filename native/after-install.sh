#!/bin/sh
# Debian post-install: make sure the smart-card service runs at boot (the app reads cards through pcscd).
set -e
if command -v systemctl >/dev/null 2>&1; then systemctl enable --now pcscd.socket >/dev/null 2>&1 || true; fi
exit 0
