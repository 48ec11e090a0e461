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
# 10,000 groups), POSTS_PER_ACCOUNT (50: posts added once to every account for the activity facts),
# ACTIVITY_SAMPLE (300), FEEDS (5000), IMPORT_ROWS ("20000,100000,200000").
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
else
	say "Migrating $SITE (the benchmarks measure the app's current schema and indexes)"
	bench_cmd --site "$SITE" migrate | no_progress
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

say "Activity facts vs a per-account document loop (bench/activity_posts.py, bench/activity_bench.py)"
py "$REPO/bench/activity_posts.py" --site "$SITE" --posts-per-account "${POSTS_PER_ACCOUNT:-50}" |
	tee "$OUT/activity-posts.txt"
if py "$REPO/bench/activity_bench.py" --site "$SITE" --sample "${ACTIVITY_SAMPLE:-300}" | tee "$OUT/activity.txt"; then
	# activity_bench.py prints no summary line: one from its own lines
	awk -v la="$(cut -d' ' -f1-3 /proc/loadavg)" '
		/^accounts: / { gsub(",", "", $0); accounts = $2; posts = $4 }
		/^set-based recompute: / { setbased = $3; queries = $6 }
		/^per-account loop: / { for (i = 1; i <= NF; i++) if ($i == "→") naive = $(i + 1) }
		/^ratio: / { ratio = $2 }
		END { printf "summary: activity facts, %d accounts and %d posts, set-based vs a per-account document loop | ≥ 50×, in seconds, constant queries | %s s in %s queries vs ≈ %d s | %s | %s\n", accounts, posts, setbased, queries, naive, ratio, la }
	' "$OUT/activity.txt" | tee -a "$OUT/activity.txt"
else
	warn "activity_bench failed"
fi

say "Feed poller vs one-by-one against a loopback feed server (bench/feed_bench.py)"
py "$REPO/bench/feed_bench.py" --feeds "${FEEDS:-5000}" | tee "$OUT/feed.txt" || warn "feed_bench failed"

say "Platform export import, memory against the file's size (bench/import_bench.py)"
py "$REPO/bench/import_bench.py" --site "$SITE" --rows "${IMPORT_ROWS:-20000,100000,200000}" | grep -v '^{' |
	tee "$OUT/import.txt" || warn "import_bench failed"

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
