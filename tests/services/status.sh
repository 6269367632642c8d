#!/usr/bin/env bash
# Exits 0 if the services described by $STATE/services.env are up: PostgreSQL accepts
# connections, an ssh login as each test user (bash and dash login shells) works on every sshd port, and the
# Slurm cluster has its node up and answers squeue on its login node.
# Prints what is wrong (on stderr) otherwise. Same environment as start.sh.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/../.." && pwd)
STATE=${SATDAEMON_SERVICES_DIR:-$REPO/.services}
down() { printf 'services: %s\n' "$*" >&2; exit 1; }

[ -f "$STATE/services.env" ] || down "$STATE/services.env is missing"
# shellcheck disable=SC1091
source "$STATE/services.env"
"$SATDAEMON_TEST_PG_BIN/pg_isready" -q -h "$SATDAEMON_TEST_PG_HOST" -p "$SATDAEMON_TEST_PG_PORT" \
    || down "PostgreSQL is not accepting connections on $SATDAEMON_TEST_PG_HOST:$SATDAEMON_TEST_PG_PORT"
IFS=, read -r -a ports <<<"$SATDAEMON_TEST_SSH_PORTS"
users=("$SATDAEMON_TEST_SSH_USER")
[ -n "${SATDAEMON_TEST_SSH_DASH_USER:-}" ] || down "services.env has no SATDAEMON_TEST_SSH_DASH_USER (written by an older start.sh)"
users+=("$SATDAEMON_TEST_SSH_DASH_USER")
for port in "${ports[@]}"; do
  for user in "${users[@]}"; do
    ssh -F /dev/null -n -i "$SATDAEMON_TEST_SSH_KEY" -o IdentitiesOnly=yes -o BatchMode=yes \
        -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$SATDAEMON_TEST_SSH_KNOWN_HOSTS" \
        -o GlobalKnownHostsFile=/dev/null -o ConnectTimeout=5 -o LogLevel=QUIET \
        -p "$port" "$user@$SATDAEMON_TEST_SSH_HOST" true \
        || down "ssh login as $user to $SATDAEMON_TEST_SSH_HOST:$port failed"
  done
done
[ -n "${SATDAEMON_TEST_SLURM_CONF:-}" ] || down "services.env has no SATDAEMON_TEST_SLURM_CONF (written by an older start.sh)"
SLURM_CONF=$SATDAEMON_TEST_SLURM_CONF sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)' \
    || down "the test Slurm cluster ($SATDAEMON_TEST_SLURM_CONF) has no node up"
ssh -F /dev/null -n -i "$SATDAEMON_TEST_SSH_KEY" -o IdentitiesOnly=yes -o BatchMode=yes \
    -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$SATDAEMON_TEST_SSH_KNOWN_HOSTS" \
    -o GlobalKnownHostsFile=/dev/null -o ConnectTimeout=5 -o LogLevel=QUIET \
    -p "$SATDAEMON_TEST_SLURM_LOGIN_PORT" "$SATDAEMON_TEST_SSH_USER@$SATDAEMON_TEST_SSH_HOST" squeue -h >/dev/null \
    || down "squeue on the Slurm login node (port $SATDAEMON_TEST_SLURM_LOGIN_PORT) failed"
