#!/usr/bin/env bash
# Start/stop the one pcscd of this machine for the PC/SC test suites (shared/README.md: one pcscd per machine).
# Readers from /etc/reader.conf.d/vpcd: 'Virtual PCD 00 00' <-> TCP 35963, 'Virtual PCD 00 01' <-> TCP 35964.
#   start    ensure a pcscd serves /run/pcscd/pcscd.comm (leaves a healthy running one alone)
#   stop     stop it (by pid: ours from $PIDFILE, else pcscd's own /run/pcscd/pcscd.pid, else the pcscd process)
#   restart  stop, then start (what the transport recovery test uses)
#   status   exit 0 when running
set -euo pipefail
PIDFILE=${PCSCD_PIDFILE:-/tmp/motcua-pcscd.pid}
LOG=${PCSCD_LOG:-/tmp/motcua-pcscd.log}
SOCK=/run/pcscd/pcscd.comm
DAEMON_PIDFILE=/run/pcscd/pcscd.pid

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# The pid of the running pcscd, if any (ours first, then the daemon's own record, then the process table).
running_pid() {
  local pid
  for f in "$PIDFILE" "$DAEMON_PIDFILE"; do
    pid=$(cat "$f" 2>/dev/null || true)
    if alive "$pid" && [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = pcscd ]; then echo "$pid"; return 0; fi
  done
  pid=$(pgrep -x pcscd 2>/dev/null | head -n1 || true)
  if alive "$pid"; then echo "$pid"; return 0; fi
  return 1
}

do_stop() {
  local pid
  while pid=$(running_pid); do
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && { kill -9 "$pid" 2>/dev/null || true; sleep 0.2; }
  done
  rm -f "$PIDFILE" "$SOCK" 2>/dev/null || true
}

do_start() {
  if running_pid >/dev/null && [ -S "$SOCK" ]; then return 0; fi
  do_stop   # a pcscd without its socket is unusable: replace it
  mkdir -p /run/pcscd
  # Close every inherited descriptor above stderr first: a caller holding a lock (flock on a test lock file)
  # would otherwise hand it to the long-lived daemon, and the lock would never be released.
  (
    for fd in $(ls /proc/"$BASHPID"/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done
    exec setsid pcscd -f >"$LOG" 2>&1 </dev/null
  ) &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 50); do [ -S "$SOCK" ] && return 0; sleep 0.1; done
  echo "pcscd did not come up; log:"; cat "$LOG"; return 1
}

case "${1:-}" in
  start) do_start ;;
  stop) do_stop ;;
  restart) do_stop; sleep 0.3; do_start ;;
  status) running_pid >/dev/null && [ -S "$SOCK" ] ;;
  *) echo "usage: $0 start|stop|restart|status"; exit 2 ;;
esac
