#!/usr/bin/env bash
# Every benchmark in one command (issue 9); prints each table, then a summary.
#   bench/run_all.sh [SITE]        (as root or as the bench user; default site smg-bench.localhost)
# The site should hold the province-scale data of bench/generate.py (run first when its tree is
# empty). Environment: BENCH_DIR, BENCH_PORT (default 8009), REQUESTS (REST reads per line, 100),
# CAMPAIGN_ACCOUNTS (100000), SCALE=small (a quick run: 300 units, 3,000 accounts, 10,000 groups).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/lib.sh
. "$REPO/scripts/lib.sh"
SITE=${1:-smg-bench.localhost}
PORT=${BENCH_PORT:-8009}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/smg-bench.XXXXXX")
chmod 755 "$OUT"
py() { as_bench bash -c 'cd sites && ../env/bin/python "$@"' _ "$@"; }

site_exists "$SITE" || die "no site $SITE on $BENCH_DIR: bench new-site $SITE --install-app $APP first"
start_mariadb
start_redis
if [ "${SCALE:-}" = small ]; then gen=(--units 300 --accounts 3000 --groups 10000); else gen=(); fi

say "Data (bench/generate.py)"
py "$REPO/bench/generate.py" --site "$SITE" --seed 1 "${gen[@]}" | tee "$OUT/generate.txt"

say "Annual review campaign creation vs a naive loop (bench/campaign_bench.py)"
py "$REPO/bench/campaign_bench.py" --site "$SITE" --accounts "${CAMPAIGN_ACCOUNTS:-100000}" | tee "$OUT/campaign.txt"

say "Sensitive-word screening vs a naive loop (bench/screening_bench.py)"
py "$REPO/bench/screening_bench.py" | tee "$OUT/screening.txt"

for extra in reminder_bench ledger_bench; do
	if [ -f "$REPO/bench/$extra.py" ]; then
		say "bench/$extra.py"
		py "$REPO/bench/$extra.py" --site "$SITE" | tee "$OUT/$extra.txt" || warn "$extra failed"
	fi
done

say "REST list reads with row-level rules (bench/rest_bench.py) on 127.0.0.1:$PORT"
stop_bench_procs "gunicorn -b 127\\.0\\.0\\.1:$PORT "
start_web "$SITE" "$PORT" bench-web.log "$REPO"
for _ in $(seq 1 30); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/method/ping" && break; sleep 1; done
py "$REPO/bench/rest_bench.py" --site "$SITE" --url "http://127.0.0.1:$PORT" --requests "${REQUESTS:-100}" |
	grep -v '^json:' | tee "$OUT/rest.txt"
stop_bench_procs "gunicorn -b 127\\.0\\.0\\.1:$PORT "

say "Summary"
grep -h -i 'speed-up\|ratio\|x (goal' "$OUT"/*.txt || true
cat "$OUT/rest.txt"
echo "(full output in $OUT)"
