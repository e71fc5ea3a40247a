#!/usr/bin/env bash
# Start/stop the one pcscd of this machine for the PC/SC test suites (shared/README.md: one pcscd per machine).
# Readers from /etc/reader.conf.d/vpcd: 'Virtual PCD 00 00' <-> TCP 35963, 'Virtual PCD 00 01' <-> TCP 35964.
set -euo pipefail
PIDFILE=${PCSCD_PIDFILE:-/tmp/motcua-pcscd.pid}
LOG=${PCSCD_LOG:-/tmp/motcua-pcscd.log}
case "${1:-}" in
  start)
    if pgrep -x pcscd >/dev/null; then pkill -x pcscd || true; sleep 0.5; fi
    rm -f /run/pcscd/pcscd.comm 2>/dev/null || true
    setsid pcscd -f >"$LOG" 2>&1 < /dev/null &
    echo $! >"$PIDFILE"
    for _ in $(seq 1 50); do [ -S /run/pcscd/pcscd.comm ] && exit 0; sleep 0.1; done
    echo "pcscd did not come up; log:"; cat "$LOG"; exit 1 ;;
  stop)
    if [ -f "$PIDFILE" ]; then kill "$(cat "$PIDFILE")" 2>/dev/null || true; rm -f "$PIDFILE"; fi
    pkill -x pcscd 2>/dev/null || true ;;
  restart) "$0" stop; sleep 0.3; "$0" start ;;
  *) echo "usage: $0 start|stop|restart"; exit 2 ;;
esac
