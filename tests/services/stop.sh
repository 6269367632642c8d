#!/usr/bin/env bash
# Stops what tests/services/start.sh started (both sshd, Slurm and the PostgreSQL cluster).
# Tolerant of things already stopped; keeps the data and keys so a later start is fast.
# Same environment as start.sh (SATDAEMON_SERVICES_DIR).
set -euo pipefail

log() { printf 'services: %s\n' "$*"; }

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/../.." && pwd)
STATE=${SATDAEMON_SERVICES_DIR:-$REPO/.services}
if [ ! -d "$STATE" ]; then
    log "nothing to stop ($STATE does not exist)"
    exit 0
fi
STATE=$(cd "$STATE" && pwd)
RUN_DIR=/tmp/satdaemon-services-$(printf '%s' "$STATE" | sha256sum | cut -c1-12)
PG_DATA=$RUN_DIR/pg
PG_BIN=/usr/lib/postgresql/15/bin
cd /

shopt -s nullglob
for pidfile in "$STATE"/ssh/sshd_*.pid; do
    pid=$(cat "$pidfile" 2>/dev/null || true)
    cfg=${pidfile%.pid}.conf
    # Only kill the process if it really is the sshd started with our config.
    if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$cfg"; then
        log "stopping sshd pid $pid ($cfg)"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
done

# Slurm: slurmd first, then slurmctld, each only if it really runs with our config. munged is shared by every
# cluster on the host and left running.
SLURM_DIR=$RUN_DIR/slurm
for name in slurmd slurmctld; do
    pid=$(cat "$SLURM_DIR/$name.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$SLURM_DIR/slurm.conf"; then
        log "stopping $name pid $pid"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
done

if [ -f "$PG_DATA/postmaster.pid" ] && [ -x "$PG_BIN/pg_ctl" ] && id postgres >/dev/null 2>&1; then
    if runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
        log "stopping PostgreSQL ($PG_DATA)"
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 60 -m fast stop >/dev/null \
            || runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 30 -m immediate stop >/dev/null \
            || log "could not stop PostgreSQL in $PG_DATA"
    fi
fi
log "stopped"
