#!/usr/bin/env bash
# Starts the real services the tests need (DESIGN.md §10), idempotently:
#   * a throw-away PostgreSQL 15 + PostGIS cluster, run as OS user postgres;
#   * two OpenSSH servers on 127.0.0.1 ("two machines"), each with its own host key,
#     accepting one user key for OS users satjobs (login shell /bin/bash) and satdash (login shell
#     /bin/dash): sshd runs a remote command through the user's login shell, so the two users test the
#     daemon's remote commands under bash and under dash.
# Writes $STATE/services.env (exported variables for the tests) and prints a summary.
#
# Environment (all optional):
#   SATDAEMON_SERVICES_DIR  state dir (default <repo>/.services)
#   SATDAEMON_PG_PORT       PostgreSQL port (default 55432)
#   SATDAEMON_SSH_PORTS     two comma-separated sshd ports (default 52201,52202)
# Must run as root.
set -euo pipefail

log() { printf 'services: %s\n' "$*"; }
die() { printf 'services: ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (it installs packages, starts sshd and runs PostgreSQL as user postgres)"

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$SCRIPT_DIR/../.." && pwd)
STATE=${SATDAEMON_SERVICES_DIR:-$REPO/.services}
mkdir -p "$STATE"
STATE=$(cd "$STATE" && pwd)
PG_PORT=${SATDAEMON_PG_PORT:-55432}
SSH_PORTS_CSV=${SATDAEMON_SSH_PORTS:-52201,52202}
IFS=, read -r SSH_PORT1 SSH_PORT2 <<<"$SSH_PORTS_CSV"
[ -n "${SSH_PORT1:-}" ] && [ -n "${SSH_PORT2:-}" ] || die "SATDAEMON_SSH_PORTS must be two ports, e.g. 52201,52202"
SSH_PORTS=("$SSH_PORT1" "$SSH_PORT2")
SSH_USER=satjobs
SSH_DASH_USER=satdash
PG_BIN=/usr/lib/postgresql/15/bin

# Things the postgres and satjobs users must reach live under /tmp (the repo may be in a
# root-only tree); the name is tied to the state dir so several checkouts do not collide.
RUN_DIR=/tmp/satdaemon-services-$(printf '%s' "$STATE" | sha256sum | cut -c1-12)
PG_DATA=$RUN_DIR/pg
PG_SOCK=$RUN_DIR/pgsock
PG_LOG=$RUN_DIR/postgresql.log
SCRATCH=$RUN_DIR/scratch
SSH_DIR=$STATE/ssh
AUTH_KEYS=$RUN_DIR/authorized_keys

T0=$(date +%s.%N)
export DEBIAN_FRONTEND=noninteractive

mkdir -p "$RUN_DIR"
chmod 755 "$RUN_DIR"
# Commands run as postgres/satjobs would complain if the current directory is not theirs to enter.
cd "$RUN_DIR"
# One start.sh at a time per state dir.
# (Daemons started below get fd 9 closed, or they would hold the lock forever.)
exec 9>"$RUN_DIR/start.lock"
flock -w 900 9 || die "another start.sh holds $RUN_DIR/start.lock"

# ---------------------------------------------------------------- packages
# chromium + chromium-driver: the web console's browser tests (Selenium drives the system browser; nothing is downloaded at run time).
PACKAGES=(postgresql-15 postgresql-15-postgis-3 openssh-server openssh-client chromium chromium-driver)

# Runs an apt-get command, waiting (up to ~15 min) while another process holds the apt/dpkg locks.
apt_retry() {
    local out tries=0
    while :; do
        if out=$(apt-get -o DPkg::Lock::Timeout=600 "$@" 2>&1); then
            return 0
        fi
        if grep -qiE 'could not get lock|unable to lock|is another process using it|dpkg was interrupted' <<<"$out" \
            && [ $tries -lt 180 ]; then
            if grep -qi 'dpkg was interrupted' <<<"$out"; then
                dpkg --configure -a || true
            fi
            tries=$((tries + 1))
            sleep 5
            continue
        fi
        printf '%s\n' "$out" >&2
        return 1
    done
}

missing=()
for p in "${PACKAGES[@]}"; do
    if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (apt-get update first)"
    apt_retry update -qq || die "apt-get update failed"
    apt_retry install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" \
        || die "apt-get install ${missing[*]} failed"
fi
[ -x "$PG_BIN/initdb" ] || die "$PG_BIN/initdb not found after installing postgresql-15"
[ -x /usr/sbin/sshd ] || die "/usr/sbin/sshd not found after installing openssh-server"
id postgres >/dev/null 2>&1 || die "OS user postgres does not exist (postgresql-15 install incomplete?)"

# Is a TCP port on 127.0.0.1 accepting connections?
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

as_pg() { runuser -u postgres -- "$@"; }

# ---------------------------------------------------------------- PostgreSQL
mkdir -p "$PG_SOCK"
chown postgres:postgres "$PG_SOCK"
chmod 755 "$PG_SOCK"

if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    rm -rf "$PG_DATA"
    install -d -o postgres -g postgres -m 700 "$PG_DATA"
    log "initdb $PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >"$RUN_DIR/initdb.log" 2>&1 \
        || { cat "$RUN_DIR/initdb.log" >&2; die "initdb failed"; }
fi
# Settings go into a file included from postgresql.conf, so a plain `pg_ctl start` (fault
# tests) starts the cluster exactly as configured here.
cat >"$PG_DATA/satdaemon.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
max_connections = 300
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
timezone = 'UTC'
log_timezone = 'UTC'
EOF
chown postgres:postgres "$PG_DATA/satdaemon.conf"
grep -qx "include = 'satdaemon.conf'" "$PG_DATA/postgresql.conf" \
    || echo "include = 'satdaemon.conf'" >>"$PG_DATA/postgresql.conf"
cat >"$PG_DATA/pg_hba.conf" <<'EOF'
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   scram-sha-256
host    all       all   ::1/128        scram-sha-256
EOF
chown postgres:postgres "$PG_DATA/pg_hba.conf"

# A postmaster.pid left by a killed server whose pid now belongs to another process would
# make pg_ctl think the server is running (or make postgres refuse to start).
if [ -f "$PG_DATA/postmaster.pid" ]; then
    pid=$(head -n1 "$PG_DATA/postmaster.pid")
    if [ -z "$pid" ] || [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" != postgres ]; then
        log "removing stale $PG_DATA/postmaster.pid"
        rm -f "$PG_DATA/postmaster.pid"
    fi
fi

PG_CTL=(runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60)
if "${PG_CTL[@]}" status >/dev/null 2>&1; then
    # Running: pick up any changed settings (port changes need a restart).
    running_port=$(as_pg "$PG_BIN/psql" -h "$PG_SOCK" -p "$(sed -n 4p "$PG_DATA/postmaster.pid")" -d postgres \
        -XAtc 'show port' 2>/dev/null || true)
    if [ "$running_port" != "$PG_PORT" ]; then
        log "restarting PostgreSQL (port ${running_port:-?} -> $PG_PORT)"
        "${PG_CTL[@]}" -m fast restart >/dev/null 9>&- || die "pg_ctl restart failed; see $PG_LOG"
    else
        "${PG_CTL[@]}" reload >/dev/null
        log "PostgreSQL already running on 127.0.0.1:$PG_PORT"
    fi
else
    if port_open "$PG_PORT"; then
        die "port $PG_PORT is already taken by another process ($(ss -ltnpH "sport = :$PG_PORT" 2>/dev/null | head -n1)); stop it or set SATDAEMON_PG_PORT"
    fi
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    touch "$PG_LOG" && chown postgres:postgres "$PG_LOG"
    "${PG_CTL[@]}" start >/dev/null 9>&- || { tail -n 30 "$PG_LOG" >&2; die "pg_ctl start failed; see $PG_LOG"; }
fi

for _ in $(seq 1 60); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 0.5
done
"$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" \
    || { tail -n 30 "$PG_LOG" >&2; die "PostgreSQL does not accept connections on 127.0.0.1:$PG_PORT; see $PG_LOG"; }

as_pg "$PG_BIN/psql" -h "$PG_SOCK" -p "$PG_PORT" -d postgres -XqAt -v ON_ERROR_STOP=1 >/dev/null <<'EOF' || die "creating role/database failed"
SELECT 'CREATE ROLE satdaemon' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'satdaemon') \gexec
ALTER ROLE satdaemon WITH LOGIN SUPERUSER CREATEDB PASSWORD 'satdaemon';
SELECT 'CREATE DATABASE satdaemon_test OWNER satdaemon' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'satdaemon_test') \gexec
EOF
PG_URL="postgresql://satdaemon:satdaemon@127.0.0.1:$PG_PORT/satdaemon_test"
# Checked over TCP with the password, as the tests will connect.
postgis=$("$PG_BIN/psql" "$PG_URL" -XAt -v ON_ERROR_STOP=1 \
    -c 'CREATE EXTENSION IF NOT EXISTS postgis' -c 'SELECT postgis_lib_version()' 2>&1 | tail -n1) \
    || die "CREATE EXTENSION postgis in satdaemon_test failed: $postgis"

# ---------------------------------------------------------------- OpenSSH
# One OS user per remote login shell; both take the same key and reach the same scratch dir.
ensure_ssh_user() {
    local user=$1 shell=$2 home
    [ -x "$shell" ] || die "$shell (login shell of $user) is missing"
    if ! id "$user" >/dev/null 2>&1; then
        log "creating OS user $user (login shell $shell)"
        useradd --create-home --shell "$shell" "$user"
    elif [ "$(getent passwd "$user" | cut -d: -f7)" != "$shell" ]; then
        log "setting the login shell of $user to $shell"
        usermod --shell "$shell" "$user"
    fi
    # A "!" (locked) password makes sshd (UsePAM no) refuse even key logins; "*" = no password.
    case "$(getent shadow "$user" | cut -d: -f2)" in
        '!'*|'') usermod -p '*' "$user" ;;
    esac
    home=$(getent passwd "$user" | cut -d: -f6)
    [ -d "$home" ] || install -d -o "$user" -g "$user" -m 755 "$home"
}
ensure_ssh_user "$SSH_USER" /bin/bash
ensure_ssh_user "$SSH_DASH_USER" /bin/dash

install -d -m 700 "$SSH_DIR"
install -d -m 755 /run/sshd
[ -f "$SSH_DIR/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C "satdaemon-tests@$(hostname)" -f "$SSH_DIR/id_ed25519"
chmod 600 "$SSH_DIR/id_ed25519"
[ -f "$SSH_DIR/other_host_key" ] || ssh-keygen -q -t ed25519 -N '' -C other-host -f "$SSH_DIR/other_host_key"
# sshd reads AuthorizedKeysFile as the user, so it lives under /tmp, not in the repo.
install -m 644 "$SSH_DIR/id_ed25519.pub" "$AUTH_KEYS"

# satjobs runs build output from the repo: let others traverse every directory up to the repo.
d=$REPO
while [ "$d" != / ]; do chmod o+x "$d"; d=$(dirname "$d"); done
chmod o+rx "$REPO"
# A scratch dir that satjobs and root can both write.
install -d -m 1777 "$SCRATCH"

known_hosts_tmp=$SSH_DIR/known_hosts.tmp
: >"$known_hosts_tmp"
PIDFILES=()
CONFIGS=()
for port in "${SSH_PORTS[@]}"; do
    key=$SSH_DIR/host_key_$port
    cfg=$SSH_DIR/sshd_$port.conf
    pidfile=$SSH_DIR/sshd_$port.pid
    [ -f "$key" ] || ssh-keygen -q -t ed25519 -N '' -C "sshd-$port" -f "$key"
    chmod 600 "$key"
    cat >"$cfg.new" <<EOF
# sshd for SatDaemon tests: "machine" on port $port (written by tests/services/start.sh)
ListenAddress 127.0.0.1:$port
HostKey $key
PidFile $pidfile
AuthorizedKeysFile $AUTH_KEYS
StrictModes no
AllowUsers $SSH_USER $SSH_DASH_USER
PermitRootLogin no
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
UseDNS no
PrintMotd no
PrintLastLog no
X11Forwarding no
MaxStartups 200:30:400
MaxSessions 100
LoginGraceTime 30
LogLevel VERBOSE
Subsystem sftp internal-sftp
EOF
    /usr/sbin/sshd -t -f "$cfg.new" || die "sshd rejects config $cfg.new"

    running=
    if [ -f "$pidfile" ]; then
        pid=$(cat "$pidfile" 2>/dev/null || true)
        if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$cfg"; then
            running=$pid
        else
            rm -f "$pidfile"
        fi
    fi
    if [ -n "$running" ] && ! cmp -s "$cfg" "$cfg.new"; then
        log "sshd on port $port: config changed, restarting"
        kill "$running" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$running" 2>/dev/null || break; sleep 0.1; done
        running=
    fi
    mv -f "$cfg.new" "$cfg"
    if [ -n "$running" ]; then
        log "sshd already running on 127.0.0.1:$port (pid $running)"
    else
        if port_open "$port"; then
            die "port $port is already taken by another process ($(ss -ltnpH "sport = :$port" 2>/dev/null | head -n1)); stop it or set SATDAEMON_SSH_PORTS"
        fi
        log "starting sshd on 127.0.0.1:$port"
        /usr/sbin/sshd -f "$cfg" -E "$SSH_DIR/sshd_$port.log" 9>&- || die "sshd on port $port failed to start; see $SSH_DIR/sshd_$port.log"
    fi
    printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$key.pub")" >>"$known_hosts_tmp"
    PIDFILES+=("$pidfile")
    CONFIGS+=("$cfg")
done
mv -f "$known_hosts_tmp" "$SSH_DIR/known_hosts"
chmod 644 "$SSH_DIR/known_hosts"

ssh_login() {
    ssh -F /dev/null -n -i "$SSH_DIR/id_ed25519" -o IdentitiesOnly=yes -o BatchMode=yes \
        -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$SSH_DIR/known_hosts" \
        -o GlobalKnownHostsFile=/dev/null -o ConnectTimeout=5 -o LogLevel=ERROR \
        -p "$1" "$2@127.0.0.1" true
}
for port in "${SSH_PORTS[@]}"; do
    for user in "$SSH_USER" "$SSH_DASH_USER"; do
        ok=
        for _ in $(seq 1 50); do
            if ssh_login "$port" "$user" 2>/dev/null; then ok=1; break; fi
            sleep 0.2
        done
        if [ -z "$ok" ]; then
            ssh_login "$port" "$user" || true
            tail -n 20 "$SSH_DIR/sshd_$port.log" >&2 || true
            die "ssh login as $user to 127.0.0.1:$port failed; see $SSH_DIR/sshd_$port.log"
        fi
    done
done
# Both users must be able to reach the repo (build output is run from there) and write the scratch dir.
for user in "$SSH_USER" "$SSH_DASH_USER"; do
    runuser -u "$user" -- test -x "$REPO" -a -r "$REPO" || die "user $user cannot access $REPO"
    runuser -u "$user" -- test -w "$SCRATCH" -a -x "$SCRATCH" || die "user $user cannot write $SCRATCH"
done
# The remote shell really is what the tests think it is: sshd runs "SHELL -c COMMAND", so $0 names it.
for pair in "$SSH_USER:bash" "$SSH_DASH_USER:dash"; do
    user=${pair%%:*}
    shell=$(ssh -F /dev/null -n -i "$SSH_DIR/id_ed25519" -o IdentitiesOnly=yes -o BatchMode=yes \
        -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$SSH_DIR/known_hosts" -o GlobalKnownHostsFile=/dev/null \
        -o ConnectTimeout=5 -o LogLevel=ERROR -p "$SSH_PORT1" "$user@127.0.0.1" 'echo "$0"') \
        || die "ssh as $user to 127.0.0.1:$SSH_PORT1 failed"
    [ "${shell##*/}" = "${pair#*:}" ] || die "the remote shell of $user is '$shell', expected ${pair#*:}"
done

# ---------------------------------------------------------------- services.env
join() { local IFS=,; echo "$*"; }
env_tmp=$STATE/services.env.tmp
{
    echo "# Written by tests/services/start.sh at $(date -u +%FT%TZ); source it before running tests."
    # Single-quoted so the file stays readable and is safe to source.
    exp() { local q="'\\''"; printf "export %s='%s'\n" "$1" "${2//\'/$q}"; }
    exp SATDAEMON_TEST_PG "Host=127.0.0.1;Port=$PG_PORT;Username=satdaemon;Password=satdaemon;Database=satdaemon_test"
    exp SATDAEMON_TEST_PG_URL "$PG_URL"
    exp SATDAEMON_TEST_PG_HOST 127.0.0.1
    exp SATDAEMON_TEST_PG_PORT "$PG_PORT"
    exp SATDAEMON_TEST_PG_BIN "$PG_BIN"
    exp SATDAEMON_TEST_PG_DATA "$PG_DATA"
    exp SATDAEMON_TEST_PG_LOG "$PG_LOG"
    exp SATDAEMON_TEST_PG_CTL "runuser -u postgres -- $PG_BIN/pg_ctl -D $PG_DATA -l $PG_LOG -w -t 60"
    exp SATDAEMON_TEST_SSH_HOST 127.0.0.1
    exp SATDAEMON_TEST_SSH_PORTS "$(join "${SSH_PORTS[@]}")"
    exp SATDAEMON_TEST_SSH_USER "$SSH_USER"
    exp SATDAEMON_TEST_SSH_DASH_USER "$SSH_DASH_USER"
    exp SATDAEMON_TEST_SSH_KEY "$SSH_DIR/id_ed25519"
    exp SATDAEMON_TEST_SSH_KNOWN_HOSTS "$SSH_DIR/known_hosts"
    exp SATDAEMON_TEST_SSH_OTHER_HOST_KEY "$SSH_DIR/other_host_key.pub"
    exp SATDAEMON_TEST_SSHD_PIDFILES "$(join "${PIDFILES[@]}")"
    exp SATDAEMON_TEST_SSHD_CONFIGS "$(join "${CONFIGS[@]}")"
    exp SATDAEMON_TEST_SSHD "/usr/sbin/sshd"
    exp SATDAEMON_TEST_SCRATCH "$SCRATCH"
    exp SATDAEMON_TEST_SERVICES_DIR "$STATE"
} >"$env_tmp"
mv -f "$env_tmp" "$STATE/services.env"

elapsed=$(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
log "ready in ${elapsed}s:"
log "  PostgreSQL $PG_URL (PostGIS $postgis), data $PG_DATA"
log "  sshd ${SSH_USER}@ (bash), ${SSH_DASH_USER}@ (dash) 127.0.0.1 ports $(join "${SSH_PORTS[@]}"), key $SSH_DIR/id_ed25519"
log "  env: source $STATE/services.env"
