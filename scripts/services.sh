# shellcheck shell=bash
# The state variables below are read by the scripts that source this file.
# shellcheck disable=SC2034
# Throwaway backing services for the test suites: PostgreSQL, Redis and any other background
# process a test run needs (later: nginx and app nodes for the multi-node test).
#
# Source this file, then:
#   services_init              # makes $SERVICES_TMP (a fresh mktemp -d directory)
#   start_postgres             # sets PG_PORT, PG_CONNECTION_STRING, ...
#   start_redis                # sets REDIS_PORT, REDIS_CONNECTION_STRING, ...
#   start_s3                   # sets S3_ENDPOINT, S3_BUCKET (s3rver from npm, a real S3 HTTP server)
#   start_background NAME LOG CMD...   # any other process; stop_all stops it too
#   stop_all                   # stops everything above, removes $SERVICES_TMP
#
# Every process listens on 127.0.0.1 only, on a port that was free when it was picked, so a
# system-wide postgresql/redis service (or a second test run) never gets in the way.
# Nothing here uses fixed sleeps: waits poll a readiness check until a deadline.
# The functions do their own error checks (they are also called from `if`, where `set -e`
# does not apply) and return non-zero with a message on stderr when something fails.

# ---- state (read these after starting; stop_all uses them) ---------------------------------
SERVICES_TMP=""            # root temp dir of this run; removed by stop_all unless KEEP_TEST_TMP=1
SERVICES_TMP_OWNED=0       # 1 when services_init created it (so stop_all may delete it)

PG_BIN=""                  # /usr/lib/postgresql/<version>/bin
PG_DIR=""                  # $SERVICES_TMP/postgres (owned by the postgres user when we are root)
PG_DATA=""                 # cluster data dir
PG_SOCKET_DIR=""           # unix_socket_directories (keeps sockets/lock files out of /var/run)
PG_LOG=""                  # server log
PG_PORT=""
PG_PID=""                  # postmaster pid (fallback for stopping when pg_ctl cannot)
PG_CONNECTION_STRING=""    # Npgsql form, as the blazorchat superuser, database postgres

REDIS_DIR=""
REDIS_LOG=""
REDIS_PORT=""
REDIS_PID=""
REDIS_CONNECTION_STRING="" # StackExchange.Redis form: host:port

S3_PORT=""
S3_PID=""
S3_ENDPOINT=""             # http://127.0.0.1:port of the S3-compatible server (s3rver)
S3_BUCKET="blazorchat-test"

BG_NAMES=()                # start_background bookkeeping, stopped in reverse order
BG_PIDS=()
_USED_PORTS=" "            # ports already handed out by free_port during this run

# Progress messages go to stdout, like the rest of the test run's progress lines.
svc_log() { printf '[services] %s\n' "$*"; }
svc_err() { printf '[services] ERROR: %s\n' "$*" >&2; }

# Print the last lines of a log file to stderr (used when a service fails to come up).
svc_tail_log() {
    local file="$1"
    if [[ -f "$file" ]]; then
        printf -- '---- last lines of %s ----\n' "$file" >&2
        tail -n 30 "$file" >&2 || true
        printf -- '----\n' >&2
    fi
}

# services_init [DIR]: create the run's temp dir. /tmp by default (not $TMPDIR) because the
# postgres user must be able to traverse the path, which e.g. /root/tmp would not allow.
services_init() {
    if [[ -n "${1:-}" ]]; then
        SERVICES_TMP="$1"
        mkdir -p "$SERVICES_TMP" || return 1
    else
        SERVICES_TMP="$(mktemp -d "${BLAZORCHAT_TMP_PARENT:-/tmp}/blazorchat-test.XXXXXX")" || return 1
        SERVICES_TMP_OWNED=1
    fi
    # mktemp makes it 0700; postgres (another user when we are root) needs to get through it.
    chmod 755 "$SERVICES_TMP" || return 1
    svc_log "temp dir: $SERVICES_TMP"
}

# free_port: print a TCP port on 127.0.0.1 that nothing listens on right now, never the same
# one twice in a run. The kernel picks it (bind to port 0); bash fallback if python3 is absent.
free_port() {
    local port _
    for _ in $(seq 1 50); do
        if command -v python3 >/dev/null 2>&1; then
            port="$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()')" || return 1
        else
            port=$(( 20000 + RANDOM % 40000 ))
            # A successful connect means something listens there: try another.
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
        fi
        if [[ "$_USED_PORTS" != *" $port "* ]]; then
            _USED_PORTS+="$port "
            echo "$port"
            return 0
        fi
    done
    svc_err "could not find a free port"
    return 1
}

# wait_until SECONDS DESCRIPTION PID CMD...: run CMD every 0.2 s until it succeeds. Gives up
# after SECONDS, or at once when process PID (the service being waited for) has died;
# pass PID "" when there is none to watch.
wait_until() {
    local seconds="$1" what="$2" pid="$3"
    shift 3
    local deadline=$(( SECONDS + seconds ))
    while true; do
        if "$@" >/dev/null 2>&1; then return 0; fi
        if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
            svc_err "$what: the process ($pid) exited while starting"
            return 1
        fi
        if (( SECONDS >= deadline )); then
            svc_err "$what: not ready after ${seconds}s"
            return 1
        fi
        sleep 0.2
    done
}

# ---- PostgreSQL ------------------------------------------------------------------------------

# Newest installed server version's bin dir (Debian: /usr/lib/postgresql/<version>/bin).
find_pg_bin() {
    local dir
    # shellcheck disable=SC2012  # version directory names are plain numbers
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "$dir" && -x "$dir/initdb" ]] || return 1
    echo "$dir"
}

# initdb and the server refuse to run as root: as root, run them as the postgres system user
# (created by Debian's postgresql package); as anyone else, run them as ourselves.
# Runs from $PG_DIR so that the cwd (maybe /root) is always accessible to that user.
run_as_pg() {
    if (( EUID == 0 )); then
        if command -v runuser >/dev/null 2>&1; then
            (cd "$PG_DIR" && runuser -u postgres -- "$@")
        else
            (cd "$PG_DIR" && su -s /bin/sh postgres -c "$(printf '%q ' "$@")")
        fi
    else
        (cd "$PG_DIR" && "$@")
    fi
}

# start_postgres: a fresh cluster in $SERVICES_TMP/postgres on a free port, tuned for tests
# (no durability), plus the SUPERUSER role blazorchat/blazorchat (tests create/drop databases).
start_postgres() {
    [[ -n "$SERVICES_TMP" ]] || { svc_err "call services_init first"; return 1; }
    PG_BIN="${PG_BIN:-$(find_pg_bin)}" || true
    [[ -n "$PG_BIN" ]] || { svc_err "no PostgreSQL server found under /usr/lib/postgresql"; return 1; }
    if (( EUID == 0 )) && ! id postgres >/dev/null 2>&1; then
        svc_err "running as root but there is no 'postgres' user to run the server as"
        return 1
    fi

    PG_DIR="$SERVICES_TMP/postgres"
    PG_DATA="$PG_DIR/data"
    PG_SOCKET_DIR="$PG_DIR/sock"
    PG_LOG="$PG_DIR/server.log"
    mkdir -p "$PG_DIR" "$PG_SOCKET_DIR" || return 1
    if (( EUID == 0 )); then chown -R postgres: "$PG_DIR" || return 1; fi
    PG_PORT="$(free_port)" || return 1

    svc_log "postgres: initdb ($PG_BIN)"
    # UTF8 + C.UTF-8 so chat text in any script is stored and sorted predictably.
    if ! run_as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust \
            -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions >"$SERVICES_TMP/initdb.log" 2>&1; then
        svc_err "initdb failed"
        svc_tail_log "$SERVICES_TMP/initdb.log"
        return 1
    fi

    # Appended settings win over the defaults initdb wrote. --auth=trust already makes
    # local and loopback (127.0.0.1/32, ::1/128) connections trusted in pg_hba.conf.
    cat >>"$PG_DATA/postgresql.conf" <<EOF

# ---- test run settings (scripts/services.sh) ----
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 200
# Throwaway data: trade durability for speed.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

    svc_log "postgres: starting on 127.0.0.1:$PG_PORT"
    # -W: don't let pg_ctl wait; we poll pg_isready ourselves (and notice an early exit).
    if ! run_as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -W start >/dev/null 2>&1; then
        svc_err "pg_ctl start failed"
        svc_tail_log "$PG_LOG"
        return 1
    fi
    # The postmaster writes its pid file right away; wait for it so we can watch the process.
    if ! wait_until 30 "postgres pid file" "" test -s "$PG_DATA/postmaster.pid"; then
        svc_tail_log "$PG_LOG"
        return 1
    fi
    PG_PID="$(head -n 1 "$PG_DATA/postmaster.pid")"
    if ! wait_until 60 "postgres" "$PG_PID" \
            "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres; then
        svc_tail_log "$PG_LOG"
        return 1
    fi

    if ! "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
            -c "CREATE ROLE blazorchat WITH LOGIN SUPERUSER PASSWORD 'blazorchat'" >/dev/null; then
        svc_err "could not create role blazorchat"
        return 1
    fi
    PG_CONNECTION_STRING="Host=127.0.0.1;Port=$PG_PORT;Username=blazorchat;Password=blazorchat;Database=postgres"
    svc_log "postgres: ready on 127.0.0.1:$PG_PORT (pid $PG_PID)"
}

stop_postgres() {
    [[ -n "$PG_DATA" ]] || return 0
    if [[ -f "$PG_DATA/postmaster.pid" ]]; then
        # immediate: no checkpoint, the data is thrown away anyway.
        if ! run_as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 30 stop >/dev/null 2>&1; then
            if [[ -n "$PG_PID" ]] && kill -0 "$PG_PID" 2>/dev/null; then
                svc_err "pg_ctl stop failed; killing postmaster $PG_PID"
                kill -KILL "$PG_PID" 2>/dev/null || true
            fi
        fi
    fi
    svc_log "postgres: stopped"
    PG_DATA=""
    PG_PID=""
}

# ---- Redis -----------------------------------------------------------------------------------

# start_redis: redis-server in the foreground of a background job of this shell (so it is our
# child and $! is its pid), on a free port, with persistence off.
start_redis() {
    [[ -n "$SERVICES_TMP" ]] || { svc_err "call services_init first"; return 1; }
    command -v redis-server >/dev/null 2>&1 || { svc_err "redis-server is not installed"; return 1; }
    REDIS_DIR="$SERVICES_TMP/redis"
    REDIS_LOG="$REDIS_DIR/redis.log"
    mkdir -p "$REDIS_DIR" || return 1
    REDIS_PORT="$(free_port)" || return 1

    svc_log "redis: starting on 127.0.0.1:$REDIS_PORT"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
        --daemonize no --dir "$REDIS_DIR" >"$REDIS_LOG" 2>&1 &
    REDIS_PID=$!
    if ! wait_until 30 "redis" "$REDIS_PID" redis_pong; then
        svc_tail_log "$REDIS_LOG"
        return 1
    fi
    REDIS_CONNECTION_STRING="127.0.0.1:$REDIS_PORT"
    svc_log "redis: ready on 127.0.0.1:$REDIS_PORT (pid $REDIS_PID)"
}

redis_pong() {
    [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]
}

stop_redis() {
    [[ -n "$REDIS_PID" ]] || return 0
    stop_pid "$REDIS_PID"
    svc_log "redis: stopped"
    REDIS_PID=""
}

# ---- S3-compatible storage -------------------------------------------------------------------

# The npm package s3rver (a small S3-compatible server on local disk), installed once into a
# tools cache outside the repository; its version is pinned so every machine runs the same.
S3RVER_VERSION="3.7.1"
S3RVER_TOOLS_DIR="${BLAZORCHAT_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/blazorchat-tools}/s3rver-$S3RVER_VERSION"

ensure_s3rver() {
    if [[ -x "$S3RVER_TOOLS_DIR/node_modules/.bin/s3rver" ]]; then return 0; fi
    command -v npm >/dev/null 2>&1 || { svc_err "npm is needed to install s3rver (Node.js 20 or later)"; return 1; }
    svc_log "s3: installing s3rver@$S3RVER_VERSION into $S3RVER_TOOLS_DIR"
    mkdir -p "$S3RVER_TOOLS_DIR" || return 1
    if ! npm install --prefix "$S3RVER_TOOLS_DIR" --no-audit --no-fund --loglevel=error "s3rver@$S3RVER_VERSION" \
            >"$S3RVER_TOOLS_DIR/npm-install.log" 2>&1; then
        svc_err "npm install s3rver failed"
        svc_tail_log "$S3RVER_TOOLS_DIR/npm-install.log"
        return 1
    fi
}

# start_s3: s3rver on a free loopback port with its files in the run's temp dir and the bucket
# $S3_BUCKET created at start. Credentials are s3rver's fixed S3RVER/S3RVER.
start_s3() {
    [[ -n "$SERVICES_TMP" ]] || { svc_err "call services_init first"; return 1; }
    ensure_s3rver || return 1
    mkdir -p "$SERVICES_TMP/s3" || return 1
    S3_PORT="$(free_port)" || return 1
    start_background s3rver "$SERVICES_TMP/s3.log" \
        "$S3RVER_TOOLS_DIR/node_modules/.bin/s3rver" -d "$SERVICES_TMP/s3" -a 127.0.0.1 -p "$S3_PORT" \
        --configure-bucket "$S3_BUCKET"
    S3_PID="$BG_LAST_PID"
    if ! wait_until 60 "s3rver" "$S3_PID" port_open "$S3_PORT"; then
        svc_tail_log "$SERVICES_TMP/s3.log"
        return 1
    fi
    S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
    svc_log "s3: ready on $S3_ENDPOINT, bucket $S3_BUCKET (pid $S3_PID)"
}

port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# ---- other background processes (nginx, app nodes, ...) -------------------------------------

# start_background NAME LOGFILE CMD...: start CMD as a background child with its output in
# LOGFILE; stop_all stops it. Sets BG_LAST_PID. The caller waits for readiness itself
# (e.g. wait_until 30 "node1" "$BG_LAST_PID" curl -fsS http://127.0.0.1:$port/health).
BG_LAST_PID=""
start_background() {
    local name="$1" logfile="$2"
    shift 2
    "$@" >"$logfile" 2>&1 &
    BG_LAST_PID=$!
    BG_NAMES+=("$name")
    BG_PIDS+=("$BG_LAST_PID")
    svc_log "$name: started (pid $BG_LAST_PID, log $logfile)"
}

# stop_pid PID: SIGTERM, up to 10 s for it to go, then SIGKILL; reap it if it is our child.
stop_pid() {
    local pid="$1" i
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
        svc_err "pid $pid ignored SIGTERM; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

# ---- everything ------------------------------------------------------------------------------

# stop_all: stop every process started above (newest first) and remove the temp dir.
# Safe to call more than once; the second call does and prints nothing.
stop_all() {
    local i
    for (( i = ${#BG_PIDS[@]} - 1; i >= 0; i-- )); do
        stop_pid "${BG_PIDS[i]}"
        svc_log "${BG_NAMES[i]}: stopped"
    done
    BG_PIDS=()
    BG_NAMES=()
    stop_redis
    stop_postgres
    if [[ -n "$SERVICES_TMP" && "$SERVICES_TMP_OWNED" == 1 ]]; then
        if [[ "${KEEP_TEST_TMP:-0}" == 1 ]]; then
            svc_log "keeping temp dir $SERVICES_TMP (KEEP_TEST_TMP=1)"
        else
            rm -rf "$SERVICES_TMP"
        fi
    fi
    SERVICES_TMP=""
}
