# shellcheck shell=bash disable=SC2016
# Shared helpers for scripts/setup and scripts/test (sourced, not run).
# Standard tools only: Debian packages, pip, bench. Every server listens on 127.0.0.1.

BENCH_USER=${BENCH_USER:-frappe}
BENCH_HOME=$(getent passwd "$BENCH_USER" 2>/dev/null | cut -d: -f6 || true)
BENCH_HOME=${BENCH_HOME:-/home/$BENCH_USER}
BENCH_DIR=${BENCH_DIR:-$BENCH_HOME/frappe-bench}
BENCH_VENV=${BENCH_VENV:-$BENCH_HOME/.bench-venv}
DB_ROOT_PASSWORD=${DB_ROOT_PASSWORD:-frappe-root}
APP=socialmedia_governance

SECONDS_START=${SECONDS_START:-$(date +%s)}
say() { printf '\n==> [%4ss] %s\n' "$(($(date +%s) - SECONDS_START))" "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

# Run a command as the bench user, in the bench directory (or $HOME before the bench exists).
as_bench() {
	local dir=$BENCH_DIR
	[ -d "$dir" ] || dir=$BENCH_HOME
	local path="$BENCH_VENV/bin:/usr/local/bin:/usr/bin:/bin"
	if is_root; then
		# a clean environment, but keep the machine's proxy and certificate settings
		local keep=() var
		for var in SSL_CERT_FILE SSL_CERT_DIR REQUESTS_CA_BUNDLE CURL_CA_BUNDLE PIP_CERT PIP_INDEX_URL \
			PIP_EXTRA_INDEX_URL PIP_DEFAULT_TIMEOUT NODE_EXTRA_CA_CERTS UV_INDEX_URL UV_SYSTEM_CERTS HTTP_PROXY \
			HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy npm_config_registry; do
			[ -n "${!var:-}" ] && keep+=("$var=${!var}")
		done
		runuser -u "$BENCH_USER" -- env -i HOME="$BENCH_HOME" USER="$BENCH_USER" PATH="$path" LANG=C.UTF-8 \
			CI="${CI:-}" PIP_DISABLE_PIP_VERSION_CHECK=1 UV_SYSTEM_CERTS=1 "${keep[@]}" \
			bash -c 'cd "$0" && exec "$@"' "$dir" "$@"
	else
		(cd "$dir" && PATH="$path:$PATH" "$@")
	fi
}

bench_cmd() { as_bench "$BENCH_VENV/bin/bench" "$@"; }

mariadb_up() { mysqladmin --protocol=tcp -h 127.0.0.1 -uroot -p"$DB_ROOT_PASSWORD" ping >/dev/null 2>&1 || mysqladmin ping >/dev/null 2>&1; }

start_mariadb() {
	if mariadb_up; then return 0; fi
	is_root || die "MariaDB is not running and only root can start it"
	say "Starting MariaDB"
	service mariadb start >/dev/null 2>&1 || service mysql start >/dev/null 2>&1 || {
		mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
		(nohup mysqld_safe >/var/log/mysqld_safe.log 2>&1 &)
	}
	for _ in $(seq 1 60); do mariadb_up && return 0; sleep 1; done
	die "MariaDB did not start (see /var/log/mysql/error.log)"
}

# The bench's own Redis servers (cache and queue), from its config/ files, on loopback.
start_redis() {
	local conf port
	for conf in redis_cache redis_queue; do
		[ -f "$BENCH_DIR/config/$conf.conf" ] || continue
		port=$(awk '/^port/ {print $2}' "$BENCH_DIR/config/$conf.conf")
		if redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then continue; fi
		as_bench redis-server "$BENCH_DIR/config/$conf.conf" --bind 127.0.0.1 --daemonize yes \
			--logfile "$BENCH_DIR/logs/$conf.log" >/dev/null
		for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break; sleep 0.5; done
	done
}

# Make this checkout the bench's copy of the app: a symlink apps/$APP -> the checkout, made readable
# by the bench user (a CI clone may be root's); if the bench user still cannot read it, a copy owned
# by the bench user instead. Then install it (editable) with its dependencies into the bench's env.
link_app() {
	local repo=$1 target="$BENCH_DIR/apps/$APP" dir
	if is_root; then
		dir=$repo
		while [ "$dir" != / ]; do chmod o+x "$dir" 2>/dev/null || true; dir=$(dirname "$dir"); done
		chmod -R o+rX "$repo" 2>/dev/null || true
	fi
	if as_bench test -r "$repo/pyproject.toml" -a -x "$repo/$APP"; then
		if [ "$(readlink -f "$target" 2>/dev/null)" != "$(readlink -f "$repo")" ]; then
			say "Linking $target -> $repo"
			rm -rf "$target"
			as_bench ln -s "$repo" "$target"
		fi
	else
		is_root || die "user $BENCH_USER cannot read $repo"
		say "User $BENCH_USER cannot read $repo: copying it to $target"
		rm -rf "$target"
		mkdir -p "$target"
		tar -C "$repo" --exclude=.git --exclude='.venv*' --exclude=node_modules -cf - . | tar -C "$target" -xf -
		chown -R "$BENCH_USER": "$target"
	fi
	grep -qx "$APP" "$BENCH_DIR/sites/apps.txt" 2>/dev/null ||
		as_bench bash -c "printf '\n%s\n' '$APP' >> sites/apps.txt && sed -i '/^\$/d' sites/apps.txt"
	# (re)install only when the checkout or its pyproject.toml changed
	local stamp="$BENCH_DIR/env/.$APP-install-stamp" want
	want="$(readlink -f "$target") $(sha256sum "$target/pyproject.toml" | cut -d' ' -f1)"
	if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || ! as_bench ./env/bin/python -c "import $APP" 2>/dev/null; then
		as_bench ./env/bin/pip install --quiet -e "apps/$APP[test]" || return 1
		as_bench bash -c 'printf "%s\n" "$1" > "$2"' _ "$want" "$stamp"
	fi
}

# Serialise the runs that change this bench (two scripts/test runs at once would drop each
# other's test site): an exclusive lock on a file of the bench, released when the script exits.
lock_bench() {
	local lock="$BENCH_DIR/.smg.lock"
	[ -e "$lock" ] || as_bench touch "$lock"
	exec 9<"$lock"
	if ! flock -n 9; then
		say "Waiting for another scripts/setup or scripts/test on $BENCH_DIR to finish"
		flock 9
	fi
}

# Frappe's web application for one site under gunicorn on 127.0.0.1:PORT (or on a unix socket
# when PORT is "unix:/path"), in the background.
# (`bench serve` / frappe.app.serve binds 0.0.0.0 in Frappe v15 and has no host option.)
start_web() {
	local site=$1 port=$2 log=$3 repo=$4 bind
	case $port in unix:*) bind=$port ;; *) bind=127.0.0.1:$port ;; esac
	as_bench bash -c "FRAPPE_SITE='$site' nohup env -C sites ../env/bin/gunicorn -b '$bind' -w 2 -t 120 \
--pythonpath '$repo/scripts' serve_site:application >'logs/$log' 2>&1 &" 9<&-
}

# Start a command as the bench user in the background (working directory: the bench), its output
# in LOG (relative to the bench), and its PID written to PIDFILE.
start_bench_bg() {
	local pidfile=$1 log=$2
	shift 2
	as_bench bash -c 'p=$1 l=$2; shift 2; nohup "$@" >"$l" 2>&1 </dev/null & echo $! >"$p"' _ "$pidfile" "$log" "$@" 9<&-
}

# Whether process PID is alive with a command line matching the extended regex PATTERN.
pid_matches() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -Eq "$2"; }

# Stop the process whose PID is in PIDFILE, only if its command line still matches the extended
# regex PATTERN (a PID reused by another process is left alone): TERM, then KILL after 10 s.
stop_pidfile() {
	local pidfile=$1 pattern=$2 pid
	[ -f "$pidfile" ] || return 0
	pid=$(cat "$pidfile" 2>/dev/null || true)
	if [[ $pid =~ ^[0-9]+$ ]] && pid_matches "$pid" "$pattern"; then
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 20); do
			pid_matches "$pid" "$pattern" || break
			sleep 0.5
		done
		! pid_matches "$pid" "$pattern" || kill -9 "$pid" 2>/dev/null || true
	fi
	rm -f "$pidfile"
}

site_exists() { [ -f "$BENCH_DIR/sites/$1/site_config.json" ]; }

# The demo site, in the two steps scripts/setup takes and scripts/test's fresh-demo stage checks:
# demo_site makes the site with the app (or migrates it when it exists); load_demo loads the demo
# university (idempotent). Between the two the caller sets host_name: the demo's approvals queue
# emails with PDFs that are rendered from that address.
demo_site() {
	local site=$1 admin_password=$2
	start_redis
	if site_exists "$site"; then
		say "Site $site exists: migrating"
		bench_cmd --site "$site" list-apps | grep -q "^$APP" || bench_cmd --site "$site" install-app "$APP" 2>&1 | no_progress
		bench_cmd --site "$site" migrate 2>&1 | no_progress
	else
		say "Creating site $site"
		bench_cmd new-site "$site" --db-root-username root --db-root-password "$DB_ROOT_PASSWORD" \
			--admin-password "$admin_password" --install-app "$APP" 2>&1 | no_progress
	fi
}

load_demo() {
	say "Loading the demo data"
	bench_cmd --site "$1" execute "$APP.setup.demo.load_demo_data"
}

# PIDs of the bench user's processes matching an extended regex whose working directory is inside
# THIS bench (so other benches of the same user are left alone).
bench_pids() {
	local pid cwd root
	root=$(readlink -f "$BENCH_DIR")
	for pid in $(pgrep -u "$BENCH_USER" -f "$1" 2>/dev/null); do
		cwd=$(readlink -f "/proc/$pid/cwd" 2>/dev/null) || continue
		case "$cwd" in "$root" | "$root"/*) echo "$pid" ;; esac
	done
}

# Stop the processes found by bench_pids (TERM, then KILL after 10 s).
stop_bench_procs() {
	local pids
	pids=$(bench_pids "$1")
	[ -n "$pids" ] || return 0
	# shellcheck disable=SC2086
	kill $pids 2>/dev/null || true
	for _ in $(seq 1 20); do
		pids=$(bench_pids "$1")
		[ -n "$pids" ] || return 0
		sleep 0.5
	done
	# shellcheck disable=SC2086
	kill -9 $pids 2>/dev/null || true
}

# Filter for bench output read by a person: drops the progress bars ("Updating DocTypes ... 42%").
no_progress() { tr '\r' '\n' | sed -E '/\[[= ]*\] *[0-9]+%$/d; /^$/d'; }

# Run a step with its output in a log file; on failure show the log's tail and return non-zero.
logged() {
	local log=$1
	shift
	if "$@" >"$log" 2>&1; then return 0; fi
	local rc=$?
	warn "failed (exit $rc): $*"
	echo "---- last lines of $log ----" >&2
	tail -n 60 "$log" >&2
	echo "----" >&2
	return "$rc"
}
