# Shared helpers for scripts/setup and scripts/test (sourced, not run).
# Standard tools only: Debian packages, pip, bench. Every server listens on 127.0.0.1.

BENCH_USER=${BENCH_USER:-frappe}
BENCH_HOME=$(getent passwd "$BENCH_USER" 2>/dev/null | cut -d: -f6 || true)
BENCH_HOME=${BENCH_HOME:-/home/$BENCH_USER}
BENCH_DIR=${BENCH_DIR:-$BENCH_HOME/frappe-bench}
BENCH_VENV=${BENCH_VENV:-$BENCH_HOME/.bench-venv}
DB_ROOT_PASSWORD=${DB_ROOT_PASSWORD:-frappe-root}
APP=socialmedia_governance

say() { printf '\n==> %s\n' "$*"; }
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
			PIP_EXTRA_INDEX_URL PIP_DEFAULT_TIMEOUT NODE_EXTRA_CA_CERTS UV_INDEX_URL UV_NATIVE_TLS HTTP_PROXY \
			HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy npm_config_registry; do
			[ -n "${!var:-}" ] && keep+=("$var=${!var}")
		done
		runuser -u "$BENCH_USER" -- env -i HOME="$BENCH_HOME" USER="$BENCH_USER" PATH="$path" LANG=C.UTF-8 \
			CI="${CI:-}" PIP_DISABLE_PIP_VERSION_CHECK=1 UV_NATIVE_TLS=1 "${keep[@]}" \
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

# Make this checkout the bench's copy of the app (a symlink), readable by the bench user, and
# install it (editable) with its dependencies into the bench's virtualenv.
link_app() {
	local repo=$1 target="$BENCH_DIR/apps/$APP" dir
	if is_root; then
		dir=$repo
		while [ "$dir" != / ]; do chmod o+rx "$dir" 2>/dev/null || true; dir=$(dirname "$dir"); done
		chmod -R o+rX "$repo" 2>/dev/null || true
	fi
	if [ "$(readlink -f "$target" 2>/dev/null)" != "$(readlink -f "$repo")" ]; then
		if is_root; then rm -rf "$target"; else rm -rf "$target"; fi
		as_bench ln -s "$repo" "$target"
	fi
	grep -qx "$APP" "$BENCH_DIR/sites/apps.txt" 2>/dev/null || as_bench bash -c "printf '\n$APP\n' >> sites/apps.txt && sed -i '/^$/d' sites/apps.txt"
	as_bench ./env/bin/pip install --quiet -e "apps/$APP"
}

site_exists() { [ -f "$BENCH_DIR/sites/$1/site_config.json" ]; }
