#!/usr/bin/env bash
# Starts the real services the tests need (docs/design.md §10), idempotently:
#   * a throw-away PostgreSQL 15 + PostGIS cluster, run as OS user postgres;
#   * two OpenSSH servers on 127.0.0.1 ("two machines"), each with its own host key,
#     accepting one user key for OS users satjobs (login shell /bin/bash) and satdash (login shell
#     /bin/dash): sshd runs a remote command through the user's login shell, so the two users test the
#     daemon's remote commands under bash and under dash;
#   * a single-node Slurm (munged, slurmctld and slurmd on 127.0.0.1, proctrack/linuxproc, no cgroups, the node
#     declared larger than the host so several jobs run at once, a disk_io license pool, an Epilog that holds the jobs
#     a test names COMPLETING for a while) for the Slurm machine kind,
#     and a third sshd as its "login node" (same users and key; SLURM_CONF set for the sessions it starts).
# Writes $STATE/services.env (exported variables for the tests) and prints a summary.
#
# Environment (all optional):
#   SATDAEMON_SERVICES_DIR  state dir (default <repo>/.services)
#   SATDAEMON_PG_PORT       PostgreSQL port (default 55432)
#   SATDAEMON_SSH_PORTS     two comma-separated sshd ports (default 52201,52202)
#   SATDAEMON_SLURM_PORTS   slurmctld, slurmd and the Slurm login node's sshd ports (default 56817,56818,56819)
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
SLURM_PORTS_CSV=${SATDAEMON_SLURM_PORTS:-56817,56818,56819}
IFS=, read -r SLURMCTLD_PORT SLURMD_PORT SLURM_LOGIN_PORT <<<"$SLURM_PORTS_CSV"
[ -n "${SLURMCTLD_PORT:-}" ] && [ -n "${SLURMD_PORT:-}" ] && [ -n "${SLURM_LOGIN_PORT:-}" ] \
    || die "SATDAEMON_SLURM_PORTS must be three ports (slurmctld, slurmd, the login node's sshd), e.g. 56817,56818,56819"
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
SLURM_DIR=$RUN_DIR/slurm
SLURM_CONF=$SLURM_DIR/slurm.conf

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
# slurmctld + slurmd + slurm-client + munge: the Slurm machine kind's tests (a real single-node cluster).
PACKAGES=(postgresql-15 postgresql-15-postgis-3 openssh-server openssh-client chromium chromium-driver
          slurmctld slurmd slurm-client munge
          # NativeAOT's linker and zlib: test.sh publishes the native job exec (satdaemon-job-exec) with them.
          clang zlib1g-dev)

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
for port in "${SSH_PORTS[@]}" "$SLURM_LOGIN_PORT"; do
    # The Slurm login node: sbatch, squeue and scancel run there as the job user, with this cluster's config.
    login_env=
    if [ "$port" = "$SLURM_LOGIN_PORT" ]; then login_env="SetEnv SLURM_CONF=$SLURM_CONF"; fi
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
    if [ -n "$login_env" ]; then echo "$login_env" >>"$cfg.new"; fi
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
    # The login node is not one of the test "machines": fault tests that stop machines leave it alone.
    if [ "$port" != "$SLURM_LOGIN_PORT" ]; then
        PIDFILES+=("$pidfile")
        CONFIGS+=("$cfg")
    fi
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

# ---------------------------------------------------------------- Slurm
# One node, named after this state dir so that two checkouts on one host run two clusters side by side.
SLURM_NODE=sd$(printf '%s' "$STATE" | sha256sum | cut -c1-6)
SLURM_PARTITION=satdaemon
mkdir -p "$SLURM_DIR/state" "$SLURM_DIR/spool" "$SLURM_DIR/log"
# munge: one daemon per host, shared by every cluster on it (the package made /etc/munge/munge.key).
if [ ! -s /etc/munge/munge.key ]; then
    /usr/sbin/mungekey --create >/dev/null 2>&1 || die "cannot create /etc/munge/munge.key"
    chown munge:munge /etc/munge/munge.key
fi
mkdir -p /run/munge && chown munge:munge /run/munge && chmod 755 /run/munge
munge_ok() { munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; }
if ! munge_ok; then
    log "starting munged"
    runuser -u munge -- /usr/sbin/munged 9>&- || die "munged failed to start"
    for _ in $(seq 1 50); do munge_ok && break; sleep 0.1; done
    munge_ok || die "munge does not work (see /var/log/munge/munged.log)"
fi
# The Epilog: a job stays COMPLETING while it runs. It sleeps only for jobs a test asked it to hold, so the other Slurm
# tests are not slowed: a file in epilog-sleep/ named after a job-name prefix (sd_<installation>_), holding seconds
# (DaemonSlurmEpilogFacts). slurmd runs it as root with SLURM_JOB_ID and SLURM_CONF set and a bare PATH; an Epilog that
# fails drains the node, so every path exits 0.
SLURM_EPILOG=$SLURM_DIR/epilog.sh
mkdir -p "$SLURM_DIR/epilog-sleep"
chmod 1777 "$SLURM_DIR/epilog-sleep"
cat >"$SLURM_EPILOG.new" <<'EOF'
#!/bin/sh
# Epilog of the SatDaemon test cluster (written by tests/services/start.sh).
dir=$(dirname "$0")/epilog-sleep
set -- "$dir"/*
[ -f "$1" ] || exit 0
name=$(/usr/bin/squeue --noheader --jobs="$SLURM_JOB_ID" --format=%j 2>/dev/null) || exit 0
for f in "$dir"/*; do
    case $name in "${f##*/}"*) /bin/sleep "$(cat "$f")"; exit 0 ;; esac
done
exit 0
EOF
chmod 755 "$SLURM_EPILOG.new"
mv -f "$SLURM_EPILOG.new" "$SLURM_EPILOG"
cat >"$SLURM_CONF.new" <<EOF
# Single-node Slurm for SatDaemon tests (written by tests/services/start.sh).
ClusterName=$SLURM_NODE
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmUser=root
SlurmctldPort=$SLURMCTLD_PORT
SlurmdPort=$SLURMD_PORT
AuthType=auth/munge
CryptoType=crypto/munge
MpiDefault=none
# No cgroups here: linuxproc tracks a job's processes by parentage, task/none binds nothing.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1
StateSaveLocation=$SLURM_DIR/state
SlurmdSpoolDir=$SLURM_DIR/spool
SlurmctldPidFile=$SLURM_DIR/slurmctld.pid
SlurmdPidFile=$SLURM_DIR/slurmd.pid
SlurmctldLogFile=$SLURM_DIR/log/slurmctld.log
SlurmdLogFile=$SLURM_DIR/log/slurmd.log
ReturnToService=2
# The node is declared larger than the host (16 cpus, 64 GB) so several test jobs run at once.
SlurmdParameters=config_overrides
Licenses=disk_io:100
# Ended jobs stay visible to scontrol and squeue for 10 minutes (there is no accounting database here).
MinJobAge=600
KillWait=2
Epilog=$SLURM_EPILOG
OverTimeLimit=0
InactiveLimit=0
Waittime=0
NodeName=$SLURM_NODE NodeAddr=127.0.0.1 NodeHostname=$(hostname -s) CPUs=16 RealMemory=65536 State=UNKNOWN
PartitionName=$SLURM_PARTITION Nodes=$SLURM_NODE Default=YES MaxTime=INFINITE State=UP
EOF
# The pid in a pid file, if that process really runs with this cluster's config.
slurm_pid() {
    local pid
    pid=$(cat "$1" 2>/dev/null || true)
    [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$SLURM_CONF" && echo "$pid"
}
if [ -f "$SLURM_CONF" ] && ! cmp -s "$SLURM_CONF" "$SLURM_CONF.new"; then
    for f in "$SLURM_DIR/slurmd.pid" "$SLURM_DIR/slurmctld.pid"; do
        if pid=$(slurm_pid "$f"); then
            log "Slurm config changed, stopping pid $pid"
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        fi
    done
fi
mv -f "$SLURM_CONF.new" "$SLURM_CONF"
export SLURM_CONF
SLURMCTLD_START="/usr/sbin/slurmctld -f $SLURM_CONF"
if ! slurm_pid "$SLURM_DIR/slurmctld.pid" >/dev/null; then
    port_open "$SLURMCTLD_PORT" && die "port $SLURMCTLD_PORT is taken by another process; set SATDAEMON_SLURM_PORTS"
    log "starting slurmctld on 127.0.0.1:$SLURMCTLD_PORT"
    $SLURMCTLD_START 9>&- || die "slurmctld failed to start; see $SLURM_DIR/log/slurmctld.log"
fi
if ! slurm_pid "$SLURM_DIR/slurmd.pid" >/dev/null; then
    port_open "$SLURMD_PORT" && die "port $SLURMD_PORT is taken by another process; set SATDAEMON_SLURM_PORTS"
    # -c: a fresh slurmd forgets the job records of an earlier run, which a controller with a different job-id
    # history would otherwise meet as "duplicate jobid" and drain the node for.
    log "starting slurmd ($SLURM_NODE) on 127.0.0.1:$SLURMD_PORT"
    /usr/sbin/slurmd -c -f "$SLURM_CONF" -N "$SLURM_NODE" 9>&- || die "slurmd failed to start; see $SLURM_DIR/log/slurmd.log"
fi
state=
for _ in $(seq 1 150); do
    state=$(sinfo -h -n "$SLURM_NODE" -o '%t' 2>/dev/null || true)
    case $state in idle*|mix*|alloc*) break ;; esac
    sleep 0.2
done
case $state in
    idle*|mix*|alloc*) ;;
    *) tail -n 20 "$SLURM_DIR/log/slurmctld.log" "$SLURM_DIR/log/slurmd.log" >&2 || true
       die "Slurm node $SLURM_NODE is not up (state '$state')" ;;
esac

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
    exp SLURM_CONF "$SLURM_CONF"
    exp SATDAEMON_TEST_SLURM_CONF "$SLURM_CONF"
    exp SATDAEMON_TEST_SLURM_PARTITION "$SLURM_PARTITION"
    exp SATDAEMON_TEST_SLURM_NODE "$SLURM_NODE"
    exp SATDAEMON_TEST_SLURM_LOGIN_PORT "$SLURM_LOGIN_PORT"
    exp SATDAEMON_TEST_SLURMCTLD_START "$SLURMCTLD_START"
    exp SATDAEMON_TEST_SLURMCTLD_PIDFILE "$SLURM_DIR/slurmctld.pid"
} >"$env_tmp"
mv -f "$env_tmp" "$STATE/services.env"

elapsed=$(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
log "ready in ${elapsed}s:"
log "  PostgreSQL $PG_URL (PostGIS $postgis), data $PG_DATA"
log "  sshd ${SSH_USER}@ (bash), ${SSH_DASH_USER}@ (dash) 127.0.0.1 ports $(join "${SSH_PORTS[@]}"), key $SSH_DIR/id_ed25519"
log "  Slurm cluster $SLURM_NODE, partition $SLURM_PARTITION, slurmctld 127.0.0.1:$SLURMCTLD_PORT, login node sshd 127.0.0.1:$SLURM_LOGIN_PORT, SLURM_CONF=$SLURM_CONF"
log "  env: source $STATE/services.env"
