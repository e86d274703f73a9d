#!/usr/bin/env bash
# Search benchmark: fills a fresh database with a generated chat corpus and reports p50/p95
# latency of typical searches, with the query plans (docs/PERFORMANCE.md has the results).
#
# Usage: tools/bench-search.sh [--provider postgres|sqlite] [--messages N] [--iterations N]
#   postgres (default): a throwaway PostgreSQL from scripts/services.sh on a free loopback port,
#                       stopped and deleted at the end.
#   sqlite:             a database file in a temporary directory, deleted at the end.
# Environment: KEEP_TEST_TMP=1 keeps the temporary directory (database, logs, plans).
set -euo pipefail
cd "$(dirname "$0")/.."

PROVIDER=postgres
MESSAGES=1000000
ITERATIONS=100
while (( $# > 0 )); do
    case "$1" in
        --provider) PROVIDER="$2"; shift 2 ;;
        --messages) MESSAGES="$2"; shift 2 ;;
        --iterations) ITERATIONS="$2"; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

# shellcheck source=../scripts/services.sh
source scripts/services.sh
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
services_init

if [[ "$PROVIDER" == postgres ]]; then
    start_postgres
    # A production-like setup for a machine of this size (services.sh starts with the defaults):
    # the hot part of the corpus in shared buffers, SSD page costs, no JIT for short queries.
    cat >>"$PG_DATA/postgresql.conf" <<CONF
shared_buffers = '1GB'
effective_cache_size = '4GB'
random_page_cost = 1.1
jit = off
CONF
    run_as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 60 restart -l "$PG_LOG" >/dev/null
    PG_PID="$(head -n 1 "$PG_DATA/postmaster.pid")"
    "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE blazorchat_bench OWNER blazorchat" >/dev/null
    CONNECTION="${PG_CONNECTION_STRING/Database=postgres/Database=blazorchat_bench};Command Timeout=0"
else
    CONNECTION="Data Source=$SERVICES_TMP/bench.db"
fi

echo "[bench] building tools/BlazorChat.Bench (Release)"
dotnet build tools/BlazorChat.Bench -c Release -nologo -v quiet >"$SERVICES_TMP/build.log" 2>&1 \
    || { tail -n 30 "$SERVICES_TMP/build.log" >&2; exit 1; }
BENCH="tools/BlazorChat.Bench/bin/Release/net10.0/BlazorChat.Bench.dll"

echo "[bench] machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
[[ "$PROVIDER" == postgres ]] && echo "[bench] $("$PG_BIN/postgres" --version)"
dotnet "$BENCH" seed --provider "$PROVIDER" --connection "$CONNECTION" --messages "$MESSAGES"
dotnet "$BENCH" bench --provider "$PROVIDER" --connection "$CONNECTION" --iterations "$ITERATIONS" --plans "$SERVICES_TMP/search-plans.md"
cp "$SERVICES_TMP/search-plans.md" "search-plans-$PROVIDER.md"
echo "[bench] query plans copied to search-plans-$PROVIDER.md"
