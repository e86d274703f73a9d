#!/usr/bin/env bash
# Load scenarios against a freshly started BlazorChat (docs/PERFORMANCE.md has the figures).
#
# Usage: tools/loadtest/run.sh [SCENARIO...|all|full] [--db sqlite|postgres|both] [--nodes N[,N...]]
#                              [--workers N] [--drop F] [--scale F] [--seconds N]
#   SCENARIO: fanout, large-room, ingest, circuits, history (default: all of them)
#   full       the recorded full run: every scenario on both databases with one node, then fanout,
#              large-room and history on PostgreSQL with two nodes (--db and --nodes are ignored)
#   --db       embedded SQLite, PostgreSQL (a throwaway server from scripts/services.sh) or both (default)
#   --nodes    app nodes on the same database (default 1); a list (1,2) runs the scenarios at each
#              count on the same seeded database. With more than one, Redis is started too, each node
#              gets Redis__Connection and BlazorChat__NodeId, and clients are spread over the nodes
#              (client i to node i mod n). SQLite runs with one node only.
#   --workers  worker threads for the hub clients (default: 2, or 1 below 100 clients)
#   --drop     cuts the sockets of this fraction of the fanout and large-room clients halfway through
#              (0.1 = every tenth), to check that they reconnect, resync and are counted as recovered
#   --scale    shrinks clients and rates (0.1 = a tenth) for a quick try; 1 is the full run
#   --seconds  how long each scenario sends (default 20)
# Publishes the app, seeds each database once (people, tokens, rooms, a room of 1,000,000 messages),
# starts the app nodes on free ports with temporary data directories, runs the scenarios one after
# the other, stops everything (also on Ctrl-C) and prints a markdown table. The rows are also kept in
# loadtest-results/ (git-ignored). KEEP_TEST_TMP=1 keeps the temporary directory (server logs).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
INVOCATION="tools/loadtest/run.sh $*"
RUN_STARTED=$SECONDS

ALL_SCENARIOS=(fanout large-room ingest circuits history)
TWO_NODE_SCENARIOS=(fanout large-room history)
SCENARIOS=()
DBS=(sqlite postgres)
NODE_COUNTS=(1)
FULL=0
WORKERS=""
DROP=""
SCALE=1
SECONDS_PER_SCENARIO=20
while (( $# > 0 )); do
    case "$1" in
        --db) case "$2" in both) DBS=(sqlite postgres) ;; sqlite|postgres) DBS=("$2") ;; *) echo "--db sqlite|postgres|both" >&2; exit 2 ;; esac; shift 2 ;;
        --nodes) IFS=, read -r -a NODE_COUNTS <<<"$2"; shift 2 ;;
        --workers) WORKERS="$2"; shift 2 ;;
        --drop) DROP="$2"; shift 2 ;;
        --scale) SCALE="$2"; shift 2 ;;
        --seconds) SECONDS_PER_SCENARIO="$2"; shift 2 ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        all) SCENARIOS=("${ALL_SCENARIOS[@]}"); shift ;;
        full) FULL=1; SCENARIOS=("${ALL_SCENARIOS[@]}"); shift ;;
        fanout|large-room|ingest|circuits|history) SCENARIOS+=("$1"); shift ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
(( ${#SCENARIOS[@]} > 0 )) || SCENARIOS=("${ALL_SCENARIOS[@]}")
for n in "${NODE_COUNTS[@]}"; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "--nodes takes counts such as 2 or 1,2" >&2; exit 2; }; done

# The passes: "DATABASE NODES SCENARIO...", one seeding per database.
PASSES=()
if (( FULL )); then
    DBS=(sqlite postgres)
    PASSES=("sqlite 1 ${ALL_SCENARIOS[*]}" "postgres 1 ${ALL_SCENARIOS[*]}" "postgres 2 ${TWO_NODE_SCENARIOS[*]}")
else
    for DB in "${DBS[@]}"; do
        for n in "${NODE_COUNTS[@]}"; do
            if [[ "$DB" == sqlite ]] && (( n > 1 )); then
                echo "[loadtest] SQLite is one node's database; the $n-node run is PostgreSQL only" >&2
                continue
            fi
            PASSES+=("$DB $n ${SCENARIOS[*]}")
        done
    done
fi
(( ${#PASSES[@]} > 0 )) || { echo "nothing to run (several nodes need --db postgres)" >&2; exit 2; }
NEED_REDIS=0
for pass in "${PASSES[@]}"; do read -r _ n _ <<<"$pass"; (( n > 1 )) && NEED_REDIS=1; done

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
log "passes: $(printf '[%s] ' "${PASSES[@]}"); scale: $SCALE; $SECONDS_PER_SCENARIO s each"

if (( NEED_REDIS )); then start_redis; fi
TABS="$(scaled 50)"; (( TABS >= 2 )) || TABS=2

SEEDED=""
for PASS in "${PASSES[@]}"; do
    read -r DB NODES PASS_SCENARIOS <<<"$PASS"
    DATA="$SERVICES_TMP/$DB"
    APP_ENV=(ASPNETCORE_ENVIRONMENT=Production BlazorChat__Benchmark__Diagnostics=true
        Logging__LogLevel__Default=Warning "Logging__LogLevel__Microsoft.Hosting.Lifetime=Information")
    AUX=()
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
        CONNECTION="${PG_CONNECTION_STRING/Database=postgres/Database=blazorchat_load}"
        APP_ENV+=(Database__Provider=Postgres ConnectionStrings__Chat="$CONNECTION")
        PROVIDER=postgres
        SEED_CONNECTION="$CONNECTION;Command Timeout=0"
        AUX+=("postgres=$PG_PID")
    else
        CONNECTION="Data Source=$DATA/blazorchat.db"
        PROVIDER=sqlite
        SEED_CONNECTION="$CONNECTION"
    fi
    (( NODES > 1 )) && APP_ENV+=(Redis__Connection="$REDIS_CONNECTION_STRING") && AUX+=("redis=$REDIS_PID")

    if [[ " $SEEDED " != *" $DB "* ]]; then
        mkdir -p "$DATA"
        [[ "$DB" == postgres ]] && "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE blazorchat_load OWNER blazorchat" >/dev/null
        log "[$DB] seeding $USERS people and $HISTORY history messages"
        dotnet "$BENCH" load-seed --provider "$PROVIDER" --connection "$SEED_CONNECTION" \
            --out "$SERVICES_TMP/seed-$DB.json" --users "$USERS" --large-room "$USERS" --history "$HISTORY" | sed "s/^/[loadtest] [$DB] /"
        SEEDED+=" $DB"
    fi

    URLS=()
    for (( n = 1; n <= NODES; n++ )); do
        PORT="$(free_port)"
        NODE_ENV=("${APP_ENV[@]}")
        if [[ "$DB" == sqlite ]]; then
            NODE_ENV+=(BlazorChat__DataDirectory="$DATA")
        else
            # Each node has a data directory of its own; what they share is in PostgreSQL.
            mkdir -p "$DATA/node-$NODES-$n"
            NODE_ENV+=(BlazorChat__DataDirectory="$DATA/node-$NODES-$n")
        fi
        (( NODES > 1 )) && NODE_ENV+=(BlazorChat__NodeId="load-node-$n")
        LOGFILE="$SERVICES_TMP/app-$DB-$NODES-$n.log"
        env "${NODE_ENV[@]}" dotnet "$SERVICES_TMP/app/BlazorChat.Web.dll" --urls "http://127.0.0.1:$PORT" >"$LOGFILE" 2>&1 &
        APP_PIDS+=($!)
        wait_until 120 "app node $n" "$!" curl -fsS "http://127.0.0.1:$PORT/health/live" || { svc_tail_log "$LOGFILE"; exit 1; }
        URLS+=("http://127.0.0.1:$PORT")
        log "[$DB] app node $n of $NODES on http://127.0.0.1:$PORT (pid ${APP_PIDS[-1]})"
    done

    for SCENARIO in $PASS_SCENARIOS; do
        log "[$DB/$NODES node(s)] $SCENARIO (load average $(cut -d' ' -f1 /proc/loadavg))"
        # A bounded time per scenario whatever happens (a stuck client, a server that stopped answering);
        # the circuits set-up (signing in every tab) has a budget of its own on top.
        LIMIT=$(( SECONDS_PER_SCENARIO * 5 + 240 ))
        [[ "$SCENARIO" == circuits ]] && LIMIT=$(( LIMIT + (TABS * 8 > 180 ? TABS * 8 : 180) ))
        SCENARIO_STARTED=$SECONDS
        timeout --kill-after=10 "$LIMIT" node tools/loadtest/loadtest.mjs "$SCENARIO" \
            --urls "$(IFS=,; echo "${URLS[*]}")" --pids "$(IFS=,; echo "${APP_PIDS[*]}")" --aux "$(IFS=,; echo "${AUX[*]}")" \
            --seed "$SERVICES_TMP/seed-$DB.json" ${WORKERS:+--workers "$WORKERS"} ${DROP:+--drop "$DROP"} \
            --seconds "$SECONDS_PER_SCENARIO" --scale "$SCALE" --db "$DB" --results "$RESULTS" \
            || log "[$DB/$NODES node(s)] $SCENARIO did not finish cleanly (exit $?)"
        log "[$DB/$NODES node(s)] $SCENARIO took $(( SECONDS - SCENARIO_STARTED )) s"
    done
    stop_apps
done

TABLE="$ROOT/loadtest-results/$STAMP.md"
node tools/loadtest/report.mjs "$RESULTS" "$MACHINE" "$(cut -d' ' -f1-3 /proc/loadavg)" "$INVOCATION" "$(( SECONDS - RUN_STARTED ))" >"$TABLE"
echo
cat "$TABLE"
log "results: $TABLE"
