#!/usr/bin/env bash
# Runs every BlazorChat test suite on a fresh machine, with its own throwaway PostgreSQL and
# Redis on free loopback ports. The last line of output is always
#   tests: N passed, N failed, N skipped
# and the exit code is 0 only when nothing failed and at least one test passed. With the unit
# suite and no filter it also checks, with `dotnet ef`, that each provider's migrations cover the
# model (a failure counts as a failed test).
#
# Usage: ./test.sh [--suite unit|e2e|all] [--filter EXPR]
#   --suite   run one test project only (default: all, in the order unit, e2e)
#   --filter  passed on to `dotnet test --filter` (e.g. --filter 'FullyQualifiedName~Chat')
# Environment:
#   KEEP_TEST_TMP=1            keep the temp dir (server logs, TRX files) after the run
#   BLAZORCHAT_SUITE_TIMEOUT   time limit per suite for `timeout` (default 20m)
#   BLAZORCHAT_SOLUTION_DIR    run the suites of another checkout with the same layout
#                              (used to test this script; default: this script's directory)
# shellcheck disable=SC2317,SC2119  # on_exit & co. run from traps; services_init's arg is optional
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/services.sh
source "$SCRIPT_DIR/scripts/services.sh"

# Test projects in run order: name, project path (relative to the solution dir).
SUITE_NAMES=(unit e2e)
declare -A SUITE_PROJECTS=(
    [unit]="BlazorChat.Tests/BlazorChat.Tests.csproj"
    [e2e]="BlazorChat.E2E/BlazorChat.E2E.csproj"
)

# Debian package -> command that shows it is installed.
APT_PACKAGES=(postgresql redis-server chromium nginx python3)
declare -A APT_PROBES=(
    [postgresql]="find_pg_bin"
    [redis-server]="command -v redis-server"
    [chromium]="command -v chromium"
    [nginx]="test -x /usr/sbin/nginx"
    [python3]="command -v python3"
)

TOTAL_PASSED=0
TOTAL_FAILED=0
TOTAL_SKIPPED=0
ANY_SUITE_RC_FAILED=0
SUMMARY_DONE=0
FILTER=""
SUITE="all"
POLICY_RC_CREATED=0

log() { printf '[test.sh] %s\n' "$*"; }
die() { printf '[test.sh] ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
    sed -n '2,/^set /{/shellcheck/d;/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"
}

parse_args() {
    while (( $# > 0 )); do
        case "$1" in
            --filter) (( $# >= 2 )) || { usage >&2; exit 2; }; FILTER="$2"; shift 2 ;;
            --filter=*) FILTER="${1#*=}"; shift ;;
            --suite) (( $# >= 2 )) || { usage >&2; exit 2; }; SUITE="$2"; shift 2 ;;
            --suite=*) SUITE="${1#*=}"; shift ;;
            -h|--help) usage; exit 0 ;;
            *) printf 'unknown argument: %s\n\n' "$1" >&2; usage >&2; exit 2 ;;
        esac
    done
    case "$SUITE" in
        all) ;;
        unit|e2e) SUITE_NAMES=("$SUITE") ;;
        *) printf 'unknown suite: %s (expected unit, e2e or all)\n' "$SUITE" >&2; exit 2 ;;
    esac
}

# ---- step 1: machine prerequisites -----------------------------------------------------------

# Install the Debian packages that are missing. Fresh machines (and CI on them) have none of
# them; a developer's machine usually has them all, and then apt is not touched at all.
ensure_packages() {
    local pkg missing=()
    for pkg in "${APT_PACKAGES[@]}"; do
        if ! ${APT_PROBES[$pkg]} >/dev/null 2>&1 \
                && [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]]; then
            missing+=("$pkg")
        fi
    done
    if (( ${#missing[@]} == 0 )); then
        log "system packages: all present"
        return 0
    fi

    local sudo=()
    if (( EUID != 0 )); then
        command -v sudo >/dev/null 2>&1 || die "need root or sudo to install: ${missing[*]}"
        sudo=(sudo)
    fi
    log "installing: ${missing[*]}"
    # The packages' install scripts would start system-wide postgresql/redis/nginx services
    # (nginx's fails outright when port 80 is taken). We run our own instances, so tell
    # invoke-rc.d not to start anything while we install (only if no policy is in place).
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
        "${sudo[@]}" chmod 755 /usr/sbin/policy-rc.d
        POLICY_RC_CREATED=1
    fi
    local rc=0
    {
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q \
            && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
                -o DPkg::Lock::Timeout=300 "${missing[@]}"
    } >"${TMPDIR:-/tmp}/blazorchat-apt.log" 2>&1 || rc=$?
    remove_policy_rc
    if (( rc != 0 )); then
        tail -n 40 "${TMPDIR:-/tmp}/blazorchat-apt.log" >&2 || true
        die "apt-get failed (exit $rc) installing: ${missing[*]}"
    fi
    rm -f "${TMPDIR:-/tmp}/blazorchat-apt.log"
    log "installed: ${missing[*]}"
}

remove_policy_rc() {
    if (( POLICY_RC_CREATED )); then
        if (( EUID == 0 )); then rm -f /usr/sbin/policy-rc.d; else sudo rm -f /usr/sbin/policy-rc.d; fi
        POLICY_RC_CREATED=0
    fi
}

# The npm tools the tests run (tools/node: the SignalR JavaScript client for hub tests, the
# OpenAPI linter). Node.js comes with the machine image; Debian's is the fallback.
ensure_node_tools() {
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        local sudo=()
        if (( EUID != 0 )); then sudo=(sudo); fi
        log "installing: nodejs npm"
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
            && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 nodejs npm >/dev/null \
            || die "could not install Node.js (nodejs, npm)"
    fi
    local tools="$PWD/tools/node"
    if [[ ! -d "$tools/node_modules" || "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]]; then
        log "installing the node test tools (npm ci in tools/node)"
        (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in tools/node failed"
    fi
    log "node $(node --version); node tools ready"
}

ensure_dotnet() {
    command -v dotnet >/dev/null 2>&1 \
        || die "dotnet (the .NET 10 SDK) is not on PATH; install it and run again"
    log "dotnet SDK $(dotnet --version)"
}

# ---- step 2: services and environment for the tests ------------------------------------------

start_services() {
    services_init || die "could not create the temp dir"
    start_postgres || die "PostgreSQL did not start"
    start_redis || die "Redis did not start"
    start_s3 || die "the S3-compatible server (s3rver) did not start"
}

export_test_env() {
    export BLAZORCHAT_TEST_POSTGRES="$PG_CONNECTION_STRING"
    export BLAZORCHAT_TEST_REDIS="$REDIS_CONNECTION_STRING"
    export BLAZORCHAT_TEST_S3="$S3_ENDPOINT"
    export BLAZORCHAT_TEST_S3_BUCKET="$S3_BUCKET"
    export BLAZORCHAT_CHROMIUM=/usr/bin/chromium
    # Tests fail, not skip, when one of the services above is unreachable.
    export BLAZORCHAT_TEST_REQUIRE_SERVICES=1
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
    # No MSBuild worker nodes left running after the script ends (they would outlive CI's run).
    export MSBUILDDISABLENODEREUSE=1
    log "BLAZORCHAT_TEST_POSTGRES=$BLAZORCHAT_TEST_POSTGRES"
    log "BLAZORCHAT_TEST_REDIS=$BLAZORCHAT_TEST_REDIS"
    log "BLAZORCHAT_TEST_S3=$BLAZORCHAT_TEST_S3 (bucket $BLAZORCHAT_TEST_S3_BUCKET)"
}

# ---- step 3: build and test -----------------------------------------------------------------

solution_file() {
    local f
    for f in BlazorChat.sln BlazorChat.slnx; do
        [[ -f "$f" ]] && { echo "$f"; return 0; }
    done
    return 1
}

# dotnet_build TARGET: build in Release; on failure print the tail of the output.
dotnet_build() {
    local target="$1" logfile
    logfile="$SERVICES_TMP/build-${target##*/}.log"
    log "building $target (Release)"
    # --disable-build-servers: no compiler/MSBuild servers outliving this script.
    if dotnet build "$target" -c Release --disable-build-servers -nologo >"$logfile" 2>&1; then
        log "build succeeded: $target"
        return 0
    fi
    printf '[test.sh] build FAILED: %s; last lines of the output:\n' "$target"
    tail -n 60 "$logfile"
    return 1
}

# Build once: the whole solution when running everything, else just the one test project
# (it builds what it references). Prints the suites that can run, one per line.
build_all() {
    local sln name
    if [[ "$SUITE" == all ]] && sln="$(solution_file)"; then
        if dotnet_build "$sln"; then
            printf '%s\n' "${SUITE_NAMES[@]}" >"$SERVICES_TMP/runnable"
            return 0
        fi
        TOTAL_FAILED=$(( TOTAL_FAILED + 1 ))
        # Still run the suites whose own project builds, so that one broken project does not
        # hide every other result (the failed solution build is already counted above).
        : >"$SERVICES_TMP/runnable"
        for name in "${SUITE_NAMES[@]}"; do
            if [[ -f "${SUITE_PROJECTS[$name]}" ]] && dotnet_build "${SUITE_PROJECTS[$name]}"; then
                echo "$name" >>"$SERVICES_TMP/runnable"
            else
                log "suite $name: not run (its project does not build)"
            fi
        done
        return 0
    fi
    if [[ "$SUITE" == all ]]; then
        log "no BlazorChat.sln found; building the test projects one by one"
    fi
    : >"$SERVICES_TMP/runnable"
    for name in "${SUITE_NAMES[@]}"; do
        if [[ ! -f "${SUITE_PROJECTS[$name]}" ]]; then
            log "suite $name: project ${SUITE_PROJECTS[$name]} not found"
            TOTAL_FAILED=$(( TOTAL_FAILED + 1 ))
        elif dotnet_build "${SUITE_PROJECTS[$name]}"; then
            echo "$name" >>"$SERVICES_TMP/runnable"
        else
            TOTAL_FAILED=$(( TOTAL_FAILED + 1 ))
        fi
    done
}

# The migrations of each provider (ADR-017) must cover the model: `dotnet ef` (the local tool)
# builds the design-time context as the app does and compares it with the snapshot. Runs with the
# unit suite when no filter narrows the run; a failure counts as one failed test.
check_migrations() {
    local provider logfile
    [[ -z "$FILTER" && " ${SUITE_NAMES[*]} " == *" unit "* ]] || return 0
    logfile="$SERVICES_TMP/migrations.log"
    if ! dotnet tool restore >"$logfile" 2>&1; then
        printf '[test.sh] migrations check FAILED: dotnet tool restore; last lines:\n'
        tail -n 20 "$logfile"
        TOTAL_FAILED=$(( TOTAL_FAILED + 1 ))
        return 0
    fi
    for provider in Sqlite Postgres; do
        if dotnet ef migrations has-pending-model-changes --no-build --configuration Release \
                --project "BlazorChat.Migrations.$provider" --startup-project "BlazorChat.Migrations.$provider" >"$logfile" 2>&1; then
            log "migrations ($provider): the snapshot matches the model"
        else
            printf '[test.sh] migrations check FAILED (%s): add a migration with dotnet ef migrations add (see ChatDbContext); last lines:\n' "$provider"
            tail -n 20 "$logfile"
            TOTAL_FAILED=$(( TOTAL_FAILED + 1 ))
        fi
    done
}

# trx_counts FILE: print "passed failed skipped" from the TRX <ResultSummary><Counters>.
# Failed includes error/timeout/aborted outcomes; skipped is notExecuted (xunit's Skip),
# or total - executed when that attribute says nothing.
trx_counts() {
    python3 - "$1" <<'PY'
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
counters = None
for el in root.iter():
    if el.tag.rsplit('}', 1)[-1] == 'Counters':
        counters = el
        break
if counters is None:
    sys.exit("no <Counters> element")
n = lambda name: int(counters.get(name, '0') or 0)
failed = n('failed') + n('error') + n('timeout') + n('aborted')
skipped = n('notExecuted') or max(n('total') - n('executed'), 0)
print(n('passed'), failed, skipped)
PY
}

# run_with_timeout LIMIT CMD...: run CMD under `timeout`, so that a hung test cannot eat CI's
# whole time budget (timeout kills CMD's whole process group, testhost included).
# timeout puts itself in its own process group, where Ctrl-C does not reach it; so it runs as
# a background job that we `wait` for: a signal interrupts `wait` at once, and on_exit then
# stops the job (stop_guarded).
GUARDED_PID=""
run_with_timeout() {
    local limit="$1" rc=0
    shift
    timeout --kill-after=30s "$limit" "$@" </dev/null &
    GUARDED_PID=$!
    wait "$GUARDED_PID" || rc=$?
    GUARDED_PID=""
    return "$rc"
}

stop_guarded() {
    [[ -n "$GUARDED_PID" ]] || return 0
    log "stopping the running test process ($GUARDED_PID)"
    # SIGTERM to timeout is passed on to the test run's process group; then SIGKILL the group.
    stop_pid "$GUARDED_PID"
    kill -KILL -- "-$GUARDED_PID" 2>/dev/null || true
    GUARDED_PID=""
}

# run_suite NAME: dotnet test one project, then add its TRX counts to the totals.
run_suite() {
    local name="$1" project="${SUITE_PROJECTS[$1]}"
    local results="$SERVICES_TMP/results" trx="$SERVICES_TMP/results/$1.trx"
    local args=(test "$project" -c Release --no-build
                --logger "trx;LogFileName=$name.trx" --results-directory "$results")
    if [[ -n "$FILTER" ]]; then args+=(--filter "$FILTER"); fi
    rm -f "$trx"

    log "suite $name: dotnet ${args[*]}"
    local rc=0
    run_with_timeout "${BLAZORCHAT_SUITE_TIMEOUT:-20m}" dotnet "${args[@]}" || rc=$?
    if (( rc == 124 || rc == 137 )); then
        log "suite $name: TIMED OUT after ${BLAZORCHAT_SUITE_TIMEOUT:-20m}"
    fi
    if (( rc != 0 )); then ANY_SUITE_RC_FAILED=1; fi

    local passed=0 failed=0 skipped=0
    if [[ -f "$trx" ]] && read -r passed failed skipped < <(trx_counts "$trx"); then
        if (( rc != 0 && failed == 0 )); then
            # The run went wrong (crash, timeout, abort) without a failing test to show for it.
            failed=1
        fi
    else
        log "suite $name: no TRX results (the test run crashed?)"
        passed=0 failed=1 skipped=0
    fi
    log "suite $name: exit $rc; $passed passed, $failed failed, $skipped skipped"
    TOTAL_PASSED=$(( TOTAL_PASSED + passed ))
    TOTAL_FAILED=$(( TOTAL_FAILED + failed ))
    TOTAL_SKIPPED=$(( TOTAL_SKIPPED + skipped ))
}

# ---- wrap-up ---------------------------------------------------------------------------------

print_summary() {
    SUMMARY_DONE=1
    echo "tests: $TOTAL_PASSED passed, $TOTAL_FAILED failed, $TOTAL_SKIPPED skipped"
}

# On any exit (normal, error, Ctrl-C, kill): stop our services, remove the temp dir, and make
# sure the closing line is printed last, counting an early abort as a failure.
on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    remove_policy_rc
    stop_guarded
    stop_all
    if (( ! SUMMARY_DONE )); then
        if (( rc == 0 )); then rc=1; fi
        if (( TOTAL_FAILED == 0 )); then TOTAL_FAILED=1; fi
        print_summary
    fi
    exit "$rc"
}

main() {
    parse_args "$@"
    trap on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    cd "${BLAZORCHAT_SOLUTION_DIR:-$SCRIPT_DIR}"
    log "solution dir: $PWD; suites: ${SUITE_NAMES[*]}${FILTER:+; filter: $FILTER}"

    ensure_dotnet
    ensure_packages
    ensure_node_tools
    start_services
    export_test_env

    build_all
    local name runnable=()
    mapfile -t runnable <"$SERVICES_TMP/runnable"
    [[ " ${runnable[*]} " == *" unit "* ]] && check_migrations
    for name in "${runnable[@]}"; do
        run_suite "$name"
    done

    local verdict=0
    if (( TOTAL_FAILED > 0 || ANY_SUITE_RC_FAILED )); then
        verdict=1
    elif (( TOTAL_PASSED == 0 )); then
        log "no test passed (none ran?): failing the run"
        verdict=1
    fi
    stop_all
    print_summary
    exit "$verdict"
}

main "$@"
