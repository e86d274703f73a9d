#!/usr/bin/env bash
# Load scenarios against a freshly started BlazorChat (docs/PERFORMANCE.md has the figures).
#
# Usage: tools/loadtest/run.sh [SCENARIO...|all] [--db sqlite|postgres|both] [--nodes N] [--scale F] [--seconds N]
#   SCENARIO: fanout, large-room, ingest, circuits, history (default: all of them)
#   --db       embedded SQLite, PostgreSQL (a throwaway server from scripts/services.sh) or both (default)
#   --nodes    app nodes on the same database (default 1); with more than one, Redis is started
#              too and the nodes get Redis__Connection; clients are spread over the nodes
#   --scale    shrinks clients and rates (0.1 = a tenth) for a quick try; 1 is the full run
#   --seconds  how long each scenario sends (default 20)
# Publishes the app, seeds each database (people, tokens, rooms, a room of 1,000,000 messages),
# starts the app on a free port with a temporary data directory, runs the scenarios one after the
# other, stops everything (also on Ctrl-C) and prints a markdown table. The rows are also kept in
# loadtest-results/ (git-ignored). KEEP_TEST_TMP=1 keeps the temporary directory (server logs).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"

ALL_SCENARIOS=(fanout large-room ingest circuits history)
SCENARIOS=()
DBS=(sqlite postgres)
NODES=1
SCALE=1
SECONDS_PER_SCENARIO=20
while (( $# > 0 )); do
    case "$1" in
        --db) case "$2" in both) DBS=(sqlite postgres) ;; sqlite|postgres) DBS=("$2") ;; *) echo "--db sqlite|postgres|both" >&2; exit 2 ;; esac; shift 2 ;;
        --nodes) NODES="$2"; shift 2 ;;
        --scale) SCALE="$2"; shift 2 ;;
        --seconds) SECONDS_PER_SCENARIO="$2"; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        all) SCENARIOS=("${ALL_SCENARIOS[@]}"); shift ;;
        fanout|large-room|ingest|circuits|history) SCENARIOS+=("$1"); shift ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
(( ${#SCENARIOS[@]} > 0 )) || SCENARIOS=("${ALL_SCENARIOS[@]}")

# Sizes follow the scale; the history room keeps its million messages unless the scale is small.
scaled() { awk -v n="$1" -v s="$SCALE" 'BEGIN { v = int(n * s + 0.5); print (v < 1 ? 1 : v) }'; }
USERS=5000
[[ " ${SCENARIOS[*]} " == *" large-room "* ]] || USERS=1000
USERS="$(scaled "$USERS")"; (( USERS >= 60 )) || USERS=60
HISTORY=1000000
awk -v s="$SCALE" 'BEGIN { exit !(s < 0.5) }' && HISTORY="$(scaled 1000000)"
(( HISTORY >= 60000 )) || HISTORY=60000
[[ " ${SCENARIOS[*]} " == *" history "* ]] || HISTORY=0

# 5,000 client sockets plus the server's ends of them.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# shellcheck source=../../scripts/services.sh
source scripts/services.sh
APP_PIDS=()
stop_apps() {
    local pid
    for pid in "${APP_PIDS[@]}"; do stop_pid "$pid"; done
    APP_PIDS=()
}
cleanup() { stop_apps; stop_all; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
services_init

log() { printf '[loadtest] %s\n' "$*"; }

if [[ ! -d tools/loadtest/node_modules || tools/loadtest/package-lock.json -nt tools/loadtest/node_modules ]]; then
    log "npm ci (tools/loadtest)"
    (cd tools/loadtest && npm ci --no-audit --no-fund --loglevel=error) >"$SERVICES_TMP/npm.log" 2>&1 || { tail -n 20 "$SERVICES_TMP/npm.log" >&2; exit 1; }
fi

log "publishing the app and building the seeder (Release)"
dotnet publish BlazorChat.Web -c Release -o "$SERVICES_TMP/app" -nologo -v quiet >"$SERVICES_TMP/publish.log" 2>&1 \
    || { tail -n 30 "$SERVICES_TMP/publish.log" >&2; exit 1; }
dotnet build tools/BlazorChat.Bench -c Release -nologo -v quiet >"$SERVICES_TMP/bench-build.log" 2>&1 \
    || { tail -n 30 "$SERVICES_TMP/bench-build.log" >&2; exit 1; }
BENCH="tools/BlazorChat.Bench/bin/Release/net10.0/BlazorChat.Bench.dll"

mkdir -p loadtest-results
STAMP="$(date -u +%Y%m%d-%H%M%S)"
RESULTS="$ROOT/loadtest-results/$STAMP.jsonl"
: >"$RESULTS"
MACHINE="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
log "machine: $MACHINE; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
log "scenarios: ${SCENARIOS[*]}; databases: ${DBS[*]}; nodes: $NODES; scale: $SCALE; $SECONDS_PER_SCENARIO s each"

if (( NODES > 1 )); then start_redis; fi

for DB in "${DBS[@]}"; do
    DATA="$SERVICES_TMP/$DB"
    mkdir -p "$DATA"
    APP_ENV=(ASPNETCORE_ENVIRONMENT=Production BlazorChat__DataDirectory="$DATA" BlazorChat__Benchmark__Diagnostics=true
        Logging__LogLevel__Default=Warning "Logging__LogLevel__Microsoft.Hosting.Lifetime=Information")
    if [[ "$DB" == postgres ]]; then
        if [[ -z "$PG_PORT" ]]; then
            start_postgres
            # Production-like memory settings for this machine (services.sh starts with the defaults).
            cat >>"$PG_DATA/postgresql.conf" <<CONF
shared_buffers = '1GB'
effective_cache_size = '4GB'
random_page_cost = 1.1
jit = off
max_connections = 300
CONF
            run_as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 60 restart -l "$PG_LOG" >/dev/null
            PG_PID="$(head -n 1 "$PG_DATA/postmaster.pid")"
        fi
        "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE blazorchat_load OWNER blazorchat" >/dev/null
        CONNECTION="${PG_CONNECTION_STRING/Database=postgres/Database=blazorchat_load}"
        APP_ENV+=(Database__Provider=Postgres ConnectionStrings__Chat="$CONNECTION")
        PROVIDER=postgres
        SEED_CONNECTION="$CONNECTION;Command Timeout=0"
    else
        CONNECTION="Data Source=$DATA/blazorchat.db"
        PROVIDER=sqlite
        SEED_CONNECTION="$CONNECTION"
    fi
    (( NODES > 1 )) && APP_ENV+=(Redis__Connection="$REDIS_CONNECTION_STRING")

    log "[$DB] seeding $USERS people and $HISTORY history messages"
    dotnet "$BENCH" load-seed --provider "$PROVIDER" --connection "$SEED_CONNECTION" \
        --out "$SERVICES_TMP/seed-$DB.json" --users "$USERS" --large-room "$USERS" --history "$HISTORY" | sed "s/^/[loadtest] [$DB] /"

    URLS=()
    for (( n = 1; n <= NODES; n++ )); do
        PORT="$(free_port)"
        env "${APP_ENV[@]}" dotnet "$SERVICES_TMP/app/BlazorChat.Web.dll" --urls "http://127.0.0.1:$PORT" >"$SERVICES_TMP/app-$DB-$n.log" 2>&1 &
        APP_PIDS+=($!)
        wait_until 120 "app node $n" "$!" curl -fsS "http://127.0.0.1:$PORT/health/live" || { svc_tail_log "$SERVICES_TMP/app-$DB-$n.log"; exit 1; }
        URLS+=("http://127.0.0.1:$PORT")
        log "[$DB] app node $n on http://127.0.0.1:$PORT (pid ${APP_PIDS[-1]})"
    done

    for SCENARIO in "${SCENARIOS[@]}"; do
        log "[$DB] $SCENARIO (load average $(cut -d' ' -f1 /proc/loadavg))"
        # A bounded time per scenario whatever happens (a stuck client, a server that stopped answering).
        timeout --kill-after=10 $(( SECONDS_PER_SCENARIO * 5 + 240 )) node tools/loadtest/loadtest.mjs "$SCENARIO" \
            --urls "$(IFS=,; echo "${URLS[*]}")" --pids "$(IFS=,; echo "${APP_PIDS[*]}")" --seed "$SERVICES_TMP/seed-$DB.json" \
            --seconds "$SECONDS_PER_SCENARIO" --scale "$SCALE" --db "$DB" --results "$RESULTS" \
            || log "[$DB] $SCENARIO did not finish cleanly (exit $?)"
    done
    stop_apps
done

TABLE="$ROOT/loadtest-results/$STAMP.md"
node tools/loadtest/report.mjs "$RESULTS" "$MACHINE" "$(cut -d' ' -f1-3 /proc/loadavg)" "tools/loadtest/run.sh ${SCENARIOS[*]} --db $( (( ${#DBS[@]} > 1 )) && echo both || echo "${DBS[0]}") --nodes $NODES --scale $SCALE --seconds $SECONDS_PER_SCENARIO" >"$TABLE"
echo
cat "$TABLE"
log "results: $TABLE"
