#!/usr/bin/env bash
# Every benchmark in one command (issues 9 and 17); prints each table, then one summary table:
# path, goal, measured, ratio, load average (1, 5, 15 min when the figure was taken).
#   bench/run_all.sh [SITE]        (as root or as the bench user; default site smg-bench.localhost)
# The benchmarks run on a site of their own: SITE is created (with the app) when it does not exist,
# and bench/generate.py fills it with the province-scale school (refused on a site that has another
# school). Nothing runs on a site that was not made for it.
# Environment: BENCH_DIR, BENCH_PORT (default 8060), REQUESTS (sequential requests per line, 50),
# CLIENTS (wrk concurrent clients, "20,50"), CAMPAIGN_ACCOUNTS (extra accounts, default 0),
# NAIVE_SAMPLE (1000), SCREENING_RUNS (5), SCALE=small (a quick run: 300 units, 3,000 accounts,
# 10,000 groups).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib.sh
. "$REPO/scripts/lib.sh"
SITE=${1:-smg-bench.localhost}
PORT=${BENCH_PORT:-8060}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/smg-bench.XXXXXX")
chmod 755 "$OUT"
py() { as_bench bash -c 'cd sites && ../env/bin/python "$@"' _ "$@"; }

start_mariadb
start_redis
if ! site_exists "$SITE"; then
	say "Creating $SITE, a site of the benchmarks' own"
	bench_cmd new-site "$SITE" --db-root-username root --db-root-password "$DB_ROOT_PASSWORD" \
		--admin-password admin --install-app "$APP" | no_progress
	bench_cmd --site "$SITE" set-config -p throttle_user_limit 100000
fi
if [ "${SCALE:-}" = small ]; then gen=(--units 300 --accounts 3000 --groups 10000); else gen=(); fi

say "Data (bench/generate.py)"
py "$REPO/bench/generate.py" --site "$SITE" --seed 1 "${gen[@]}" | tee "$OUT/generate.txt"

say "Sensitive-word screening vs a naive loop (bench/screening_bench.py, the bench's Python)"
py "$REPO/bench/screening_bench.py" --runs "${SCREENING_RUNS:-5}" | tee "$OUT/screening.txt"

say "Annual review campaign creation vs a naive loop (bench/campaign_bench.py)"
py "$REPO/bench/campaign_bench.py" --site "$SITE" --accounts "${CAMPAIGN_ACCOUNTS:-0}" \
	--naive-sample "${NAIVE_SAMPLE:-1000}" | tee "$OUT/campaign.txt"

say "Daily reminder scan vs a naive loop (bench/reminder_bench.py)"
py "$REPO/bench/reminder_bench.py" --site "$SITE" --sample "${NAIVE_SAMPLE:-1000}" | tee "$OUT/reminder.txt" ||
	warn "reminder_bench failed"

say "Excel ledger (bench/ledger_bench.py)"
py "$REPO/bench/ledger_bench.py" --site "$SITE" | grep -v '^{' | tee "$OUT/ledger.txt" || warn "ledger_bench failed"

say "The desk's list reads under row-level rules (bench/rest_bench.py) on 127.0.0.1:$PORT"
stop_bench_procs "gunicorn -b 127\\.0\\.0\\.1:$PORT "
start_web "$SITE" "$PORT" "bench-web-$PORT.log" "$REPO"
for _ in $(seq 1 60); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/method/ping" && break; sleep 1; done
py "$REPO/bench/rest_bench.py" --site "$SITE" --url "http://127.0.0.1:$PORT" --requests "${REQUESTS:-50}" \
	--clients "${CLIENTS:-20,50}" --compare-before | tee "$OUT/rest.txt" || warn "rest_bench failed"
stop_bench_procs "gunicorn -b 127\\.0\\.0\\.1:$PORT "

say "Summary ($SITE; full output in $OUT)"
{
	echo "| path | goal | measured | ratio | load average |"
	echo "|---|---|---|---|---|"
	grep -h '^summary: ' "$OUT"/*.txt | sed -E 's/^summary: /| /; s/$/ |/'
} | tee "$OUT/summary.md"
