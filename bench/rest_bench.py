"""Benchmark: what the desk asks for when a user opens a register's list, under row-level rules
(issues 9 and 17), through a real web server.

    cd $BENCH_DIR/sites && ../env/bin/python /path/to/repo/bench/rest_bench.py --site SITE \\
        --url http://127.0.0.1:PORT [--requests 50] [--clients 20,50] [--seconds 10] [--client http]

On a site filled by bench/generate.py (100k accounts, 500k groups), for a counsellor, the head of
the college with the most groups, a club advisor, a Youth League manager, an account administrator
and the Administrator (no row-level rule: the baseline), each endpoint the list view calls:

- ``frappe.desk.reportview.get``: the first page (20) of the list's own fields in its default order
  (``modified desc``), as list_view.js sends it;
- ``frappe.desk.reportview.get_count`` (the list's count, capped at 1,001 as the list view asks)
  and the app's ``frappe.client.get_count`` override (an exact count under row rules);
- ``frappe.desk.listview.get_group_by_count`` for the sidebar's "assigned to" and "created by";
- and every Script Report of the app (``frappe.desk.query_report.run``, no filters: as opened),

``--requests`` times one after another on one keep-alive connection per user (``--client``: the
standard library's, or ``requests``, whose own Python adds about 2.5 ms a request; a ping through
both is printed first): p50 / p95 and the ratio of p50 to the Administrator's p50 of the same
request (goal: p50 ≤ 20 ms and ≤ 3×). Then ``wrk`` (Debian package) with 20 and 50
concurrent clients on the unit head's and the Administrator's group list: p50 / p95 / requests per
second. Before that, in this process: EXPLAIN of each list query (which index does the work) and
the list read with the row-level condition as it is now and as it was before issue 17 (a sub-SELECT
joining the tree to itself; ``--compare-before``), side by side.

Each user is signed in as the desk signs in, with a session cookie (``--auth session``, the
default: Frappe's ``LoginManager.login_as``, as Frappe's own API tests do), or with an API key
(``--auth token``: gives the chosen users API keys; its check costs 3 ms more per request here).
The site is the benchmark's own; nothing else changes.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

import frappe
import requests

REGISTERS = ("Social Media Account", "Social Media Group")
GOAL_MS, GOAL_RATIO = 20.0, 3.0
BASELINE = "Administrator"
APP = "socialmedia_governance"


def percentile(values: list[float], p: float) -> float:
	values = sorted(values)
	return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def loadavg() -> str:
	return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


# ---------------------------------------------------------------------------- users


def _one(sql: str) -> str | None:
	rows = frappe.db.sql(sql)
	return rows[0][0] if rows else None


def youth_league_manager() -> str:
	"""The generated school's Youth League manager (created here on an older generated site)."""
	user = _one(
		"""select r.`parent` from `tabHas Role` r where r.`role` = 'Youth League Manager'
		and r.`parent` like '%%.bench.example.com' order by r.`parent` limit 1"""
	)
	if user:
		return user
	school = frappe.db.get_value("Organization Unit", {"unit_type": "School"})
	email = f"tw@{school[:2].lower()}.bench.example.com"
	doc = frappe.get_doc(
		{"doctype": "User", "email": email, "first_name": "团委", "send_welcome_email": 0, "language": "zh"}
	)
	doc.append("roles", {"role": "Youth League Manager"})
	doc.insert(ignore_permissions=True)
	return email


def pick_users() -> dict[str, str]:
	group_head = _one(
		"""select u.`head` from `tabOrganization Unit` u join `tabSocial Media Group` g on g.`tier2_unit` = u.`name`
		where u.`unit_type` = 'Secondary College' and ifnull(u.`head`, '') != ''
		group by u.`name`, u.`head` order by count(*) desc, u.`name` limit 1"""
	)
	return {
		"counsellor": _one(
			"""select u.`counsellor` from `tabOrganization Unit` u where ifnull(u.`counsellor`, '') != ''
			order by u.`lft` limit 1"""
		),
		"unit head": group_head,
		"club advisor": _one(
			"""select u.`advisor` from `tabOrganization Unit` u where u.`unit_type` = 'Club'
			and ifnull(u.`advisor`, '') != '' order by u.`lft` limit 1"""
		),
		"Youth League manager": youth_league_manager(),
		"account administrator": _one(
			"""select a.`user` from `tabSocial Media Administrator` a join `tabHas Role` r on r.`parent` = a.`user`
			and r.`role` = 'Account Administrator' where a.`parenttype` = 'Social Media Account'
			order by a.`user` limit 1"""
		),
		BASELINE: "Administrator",
	}


def session_cookie(user: str) -> tuple[str, str]:
	"""A desk session of ``user``, as the browser sends it: the ``Cookie`` header."""
	from frappe.auth import CookieManager, LoginManager
	from frappe.utils import set_request

	set_request(path="/")
	frappe.local.cookie_manager = CookieManager()
	frappe.local.login_manager = LoginManager()
	frappe.local.login_manager.login_as(user)
	frappe.db.commit()
	sid = frappe.session.sid
	frappe.set_user("Administrator")
	return "Cookie", f"sid={sid}"


def token(user: str) -> tuple[str, str]:
	doc = frappe.get_doc("User", user)
	doc.api_key = doc.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.flags.ignore_permissions = True
	doc.save()
	return "Authorization", f"token {doc.api_key}:{secret}"


# ---------------------------------------------------------------------------- requests


def list_fields(doctype: str) -> list[str]:
	"""The fields list_view.js asks for: standard ones, the title and the in-list-view fields."""
	meta = frappe.get_meta(doctype)
	names = ["name", "owner", "creation", "modified", "modified_by", "_user_tags", "_comments"]
	names += ["_assign", "_liked_by", "docstatus", "idx"]
	if meta.title_field:
		names.append(meta.title_field)
	names += [f.fieldname for f in meta.fields if f.in_list_view and f.fieldname not in names]
	if meta.has_field("status") and "status" not in names:
		names.append("status")
	return [f"`tab{doctype}`.`{n}`" for n in names]


def list_args(doctype: str) -> dict:
	return {
		"doctype": doctype,
		"fields": json.dumps(list_fields(doctype)),
		"filters": "[]",
		"order_by": f"`tab{doctype}`.`modified` desc",
		"start": 0,
		"page_length": 20,
		"view": "List",
		"group_by": "",
		"with_comment_count": 1,
	}


def script_reports() -> list[str]:
	modules = frappe.get_all("Module Def", filters={"app_name": "socialmedia_governance"}, pluck="name")
	return frappe.get_all(
		"Report",
		filters={"report_type": "Script Report", "module": ("in", modules), "disabled": 0},
		pluck="name",
		order_by="name",
	)


def endpoints(reports: list[str]) -> list[tuple[str, str, dict]]:
	"""(label, method, args) of everything a list view asks for, then each Script Report."""
	out = []
	for doctype in REGISTERS:
		short = "accounts" if doctype.endswith("Account") else "groups"
		out.append((f"{short}: list page", "frappe.desk.reportview.get", list_args(doctype)))
		count = {"doctype": doctype, "filters": "[]", "fields": "[]", "distinct": "false", "limit": 1001}
		out.append((f"{short}: list count", "frappe.desk.reportview.get_count", count))
		out.append((f"{short}: get_count", "frappe.client.get_count", {"doctype": doctype}))
		for field in ("assigned_to", "owner"):
			args = {"doctype": doctype, "current_filters": "[]", "field": field}
			out.append((f"{short}: sidebar {field}", "frappe.desk.listview.get_group_by_count", args))
	for report in reports:
		out.append(
			(f"report: {report}", "frappe.desk.query_report.run", {"report_name": report, "filters": "{}"})
		)
	return out


class Client:
	"""One signed-in user's keep-alive connection, as a browser tab keeps one: a GET of a method
	with its arguments, timed from the request to the parsed answer. ``kind`` "http" is the
	standard library's ``http.client`` (about 0.3 ms of its own per request here), "requests" the
	``requests`` library (about 2.5 ms of its own: its sessions, cookies and hooks)."""

	def __init__(self, url: str, auth: tuple[str, str], kind: str = "http"):
		self.url, self.kind = url, kind
		if kind == "requests":
			self.session = requests.Session()
			self.session.headers[auth[0]] = auth[1]
		else:
			parts = urllib.parse.urlsplit(url)
			self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
			self.headers = {auth[0]: auth[1], "Accept": "application/json"}

	def get(self, method: str, args: dict) -> tuple[int, object]:
		if self.kind == "requests":
			r = self.session.get(f"{self.url}/api/method/{method}", params=args)
			return r.status_code, (r.json() if r.content else None)
		self.conn.request("GET", f"/api/method/{method}?{urllib.parse.urlencode(args)}", headers=self.headers)
		response = self.conn.getresponse()
		body = response.read()
		return response.status, (json.loads(body) if body else None)


def timed(client: Client, method: str, args: dict, n: int) -> tuple[list[float], object]:
	times, last = [], None
	for _ in range(n):
		t = time.perf_counter()
		status, body = client.get(method, args)
		times.append((time.perf_counter() - t) * 1000)
		if status == 403:
			return [], "no access"
		if status != 200:
			raise RuntimeError(f"{method}: HTTP {status}: {str(body)[:300]}")
		last = (body or {}).get("message")
	return times, last


def visible(method: str, message) -> str:
	if method == "frappe.client.get_count" and isinstance(message, int):
		return f"{message:,}"
	if method == "frappe.desk.reportview.get" and isinstance(message, dict):
		return f"{len(message.get('values') or [])} rows"
	return ""


# ---------------------------------------------------------------------------- in process


def explain(doctype: str, user: str) -> str:
	frappe.set_user(user)
	args = list_args(doctype)
	query = frappe.get_list(
		doctype,
		fields=json.loads(args["fields"]),
		order_by=args["order_by"],
		limit_page_length=20,
		run=0,
	)
	frappe.set_user("Administrator")
	rows = frappe.db.sql(f"explain {query}", as_dict=True)
	main = next((r for r in rows if r.table == f"tab{doctype}"), None)
	if main is None:  # e.g. "Impossible WHERE": the user's condition selects nothing
		return f"no table read ({rows[0].Extra})"
	return f"key {main.key} ({main.type}, ~{main.rows} rows{'; filesort' if 'filesort' in (main.Extra or '') else ''})"


def in_process(doctype: str, user: str, n: int) -> float:
	"""p50 ms of the list page read in this process (inf when a read hit the statement time limit)."""
	import frappe.desk.reportview as reportview

	args = list_args(doctype)
	frappe.set_user(user)
	times = []
	try:
		for _ in range(n):
			as_request(user)
			t = time.perf_counter()
			reportview.execute(
				doctype, fields=json.loads(args["fields"]), order_by=args["order_by"], page_length=20
			)
			times.append((time.perf_counter() - t) * 1000)
	except Exception as e:
		if "interrupted" not in str(e) and "max_statement_time" not in str(e):
			raise
		times.append(float("inf"))
	finally:
		frappe.set_user("Administrator")
	return statistics.median(times)


def report_module(report: str):
	module = frappe.db.get_value("Report", report, "module")
	name = frappe.scrub(report)
	return frappe.get_module(f"{APP}.{frappe.scrub(module)}.report.{name}.{name}")


def as_request(user: str) -> None:
	"""Start the next call as a web request starts for ``user``: Frappe's request-local caches
	emptied (``frappe.set_user`` empties the cached Redis reads, role permissions and user
	permissions; the valid columns too) and the user's language set, so that every call reads the
	metadata, the translations and the rules' inputs again, as each request does."""
	from frappe.translate import get_user_lang

	frappe.set_user(user)
	frappe.local.valid_columns = {}
	frappe.local.lang = get_user_lang(user)


def reports_in_process(users: dict[str, str], reports: list[str], n: int) -> None:
	"""Each Script Report as each role opens it (no filters), in this process, each call started as
	a request starts (``as_request``): p50 ms of the desk's
	call without HTTP (``frappe.desk.query_report.run`` as the hooks resolve it: the app's
	``reports.run``, judged against the goal beside the Administrator's), of Frappe's own ``run``
	beside it, and of the report's own ``execute`` (its row rules and SQL)."""
	from frappe.desk import query_report

	endpoint = "frappe.desk.query_report.run"
	desk = frappe.get_attr(frappe.get_hooks("override_whitelisted_methods").get(endpoint, [endpoint])[-1])
	print(
		f"\nin this process, each Script Report with no filter, {n} calls per line; load average {loadavg()}"
	)
	print(f"desk's call: {desk.__module__}.{desk.__name__}")
	print(
		f"{'user':<24}{'report':<32}{'rows':>7}{'desk ms':>9}{'Frappe run':>12}{'execute ms':>12}{'×Admin':>8}  goal"
	)
	order = [BASELINE] + [label for label in users if label != BASELINE]
	for report in reports:
		execute, base = report_module(report).execute, None
		for label in order:
			frappe.set_user(users[label])
			try:
				if not frappe.get_doc("Report", report).is_permitted():
					continue
				desk(report, filters="{}")  # warm: the first call loads the module and the Report
				query_report.run(report, filters="{}")
				runs, frappes, own = [], [], []
				for _ in range(n):  # the three side by side, in turn, each as a request
					as_request(users[label])
					t = time.perf_counter()
					desk(report, filters="{}")
					runs.append((time.perf_counter() - t) * 1000)
					as_request(users[label])
					t = time.perf_counter()
					query_report.run(report, filters="{}")
					frappes.append((time.perf_counter() - t) * 1000)
					as_request(users[label])
					t = time.perf_counter()
					rows = execute({})[1]
					own.append((time.perf_counter() - t) * 1000)
			finally:
				frappe.set_user("Administrator")
			p50, own50 = statistics.median(runs), statistics.median(own)
			if label == BASELINE:
				base = p50
			ratio = p50 / base if base else float("nan")
			goal = (
				"" if label == BASELINE else ("met" if p50 <= GOAL_MS and ratio <= GOAL_RATIO else "NOT met")
			)
			print(
				f"{label:<24}{report:<32}{len(rows):>7}{p50:>9.1f}{statistics.median(frappes):>12.1f}"
				f"{own50:>12.1f}{ratio:>8.2f}  {goal}"
			)


def condition_before(table: str, doctype: str, user: str, scopes, scope_columns: bool = True) -> str | None:
	"""The subtree part of the row-level condition as it was before issue 17 (commit 8e9db7a):
	a sub-SELECT joining the tree to itself. Takes ``permissions.unit_scope_condition``'s
	arguments, whose place it takes (``scope_columns`` has no meaning here: there were none)."""
	from socialmedia_governance import permissions
	from socialmedia_governance.policy import access, tiers

	esc = frappe.db.escape(user, percent=False)
	ors = []
	for scope, fields in permissions._UNIT_FIELD_BY_SCOPE.items():
		if scope in scopes:
			ors.extend(f"p.`{f}` = {esc}" for f in fields)
	if access.SCOPE_YOUTH_LEAGUE in scopes:
		ors.append(
			"p.`unit_type` in ({})".format(", ".join(map(frappe.db.escape, sorted(tiers.STUDENT_TYPES))))
		)
	if not ors:
		return None
	units = (
		"select c.`name` from `tabOrganization Unit` c join `tabOrganization Unit` p"
		f" on c.`lft` >= p.`lft` and c.`rgt` <= p.`rgt` where ({' or '.join(ors)})"
	)
	return f"{table}.`{permissions.OWNED_DOCTYPES[doctype]}` in ({units})"


def compare_before(users: dict[str, str], n: int, limit_s: int) -> None:
	"""The list page read in this process with the row-level condition as it is now and as it was
	before (``condition_before``), one after the other; the old form's reads are stopped after
	``limit_s`` seconds (MariaDB max_statement_time)."""
	from socialmedia_governance import permissions

	print(f"{'user':<24}{'list':<22}{'now ms':>9}{'before ms':>11}    EXPLAIN (now)")
	for label, user in users.items():
		for doctype in REGISTERS:
			plan = explain(doctype, user)
			now = in_process(doctype, user, n)
			current = permissions.unit_scope_condition
			permissions.unit_scope_condition = condition_before
			frappe.db.sql(f"set session max_statement_time = {limit_s}")
			try:
				before = in_process(doctype, user, max(3, n // 5))
			finally:
				permissions.unit_scope_condition = current
				frappe.db.sql("set session max_statement_time = 0")
			shown = f"{before:>11.1f}" if before != float("inf") else f"{'> ' + str(limit_s * 1000):>11}"
			print(f"{label:<24}{doctype:<22}{now:>9.1f}{shown}    {plan}", flush=True)


# ---------------------------------------------------------------------------- wrk

WRK_LUA = """
wrk.headers[os.getenv("WRK_AUTH_HEADER")] = os.getenv("WRK_AUTH")
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.3f %.3f %.1f %d %d\\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, summary.requests / (summary.duration / 1e6),
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.timeout))
end
"""


def wrk(
	url: str, auth: tuple[str, str], list_request: dict, clients: int, seconds: int
) -> tuple[float, float, float, int, int]:
	from urllib.parse import urlencode

	with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
		f.write(WRK_LUA)
	target = f"{url}/api/method/frappe.desk.reportview.get?{urlencode(list_request)}"
	out = subprocess.run(
		["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s", f.name, target],
		capture_output=True,
		text=True,
		env={**os.environ, "WRK_AUTH_HEADER": auth[0], "WRK_AUTH": auth[1]},
		check=True,
	).stdout
	os.unlink(f.name)
	line = next(x for x in out.splitlines() if x.startswith("RESULT "))
	p50, p95, rps, total, errors = line.split()[1:]
	return float(p50), float(p95), float(rps), int(total), int(errors)


# ---------------------------------------------------------------------------- main


def main():
	sys.stdout.reconfigure(line_buffering=True)  # each line as it is measured, also into a file
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--url", required=True)
	parser.add_argument("--requests", type=int, default=50)
	parser.add_argument("--clients", default="20,50", help="wrk concurrent clients, comma-separated")
	parser.add_argument("--seconds", type=int, default=10, help="wrk duration per run")
	parser.add_argument(
		"--auth",
		choices=("session", "token"),
		default="session",
		help="sign in with a desk session cookie (as the browser does) or an API key",
	)
	parser.add_argument("--only", help="time only the requests whose label contains this (e.g. 'list page')")
	parser.add_argument(
		"--client",
		choices=("http", "requests"),
		default="http",
		help="the HTTP client timing each request (both are timed on a ping first, side by side)",
	)
	parser.add_argument("--compare-before", action="store_true", help="also the condition before issue 17")
	args = parser.parse_args()
	frappe.init(args.site)
	frappe.connect()
	try:
		if not frappe.db.exists("Organization Unit", {"name": ("like", "P%省示范大学")}):
			raise SystemExit("no generated school on this site: run bench/generate.py on a site of its own")
		users = pick_users()
		sign_in = session_cookie if args.auth == "session" else token
		tokens = {label: sign_in(user) for label, user in users.items()}
		frappe.db.commit()
		requests_to_time = endpoints(script_reports())
		group_list = list_args(REGISTERS[1])
		counts = {d: frappe.db.count(d) for d in REGISTERS}
		print(
			f"site: {counts[REGISTERS[0]]:,} accounts, {counts[REGISTERS[1]]:,} groups; load average {loadavg()}"
		)
		for label, user in users.items():
			print(f"  {label}: {user}")
		if args.compare_before:
			print("\nin this process (frappe.desk.reportview.execute, first page, modified desc; p50):")
			compare_before(users, 25, 10)
		if not args.only or args.only.startswith("report"):
			reports_in_process(users, script_reports(), 11)
	finally:
		frappe.destroy()

	# the clients' own share: the same ping through both, in turn, as the Administrator
	pings = {kind: Client(args.url, tokens[BASELINE], kind) for kind in ("http", "requests")}
	ping_times = {kind: [] for kind in pings}
	for _ in range(args.requests):
		for kind, client in pings.items():
			ping_times[kind] += timed(client, "ping", {}, 1)[0]
	print(
		"\nping (frappe.ping, Administrator), p50 ms: "
		+ ", ".join(f"{kind} {statistics.median(t):.1f}" for kind, t in ping_times.items())
	)
	print(
		f"\nover HTTP ({args.auth} sign-in, {args.client} client), {args.requests} requests per line one after"
		f" another; load average {loadavg()}"
	)
	print(f"{'user':<24}{'request':<40}{'visible':>10}{'p50 ms':>9}{'p95 ms':>9}{'×Admin':>8}  goal")
	results: dict[tuple[str, str], float] = {}
	summary = []
	clients = {label: Client(args.url, auth, args.client) for label, auth in tokens.items()}
	order = [BASELINE] + [label for label in tokens if label != BASELINE]
	for name, method, margs in requests_to_time:
		if args.only and args.only not in name:
			continue
		for label in order:
			times, message = timed(clients[label], method, margs, args.requests)
			if not times:
				print(f"{label:<24}{name:<40}{'':>10}{'—':>9}{'':>9}{'':>8}  ({message})")
				continue
			p50, p95 = statistics.median(times), percentile(times, 95)
			results[(label, name)] = p50
			base = results.get((BASELINE, name))
			ratio = p50 / base if base else float("nan")
			met = label == BASELINE or (p50 <= GOAL_MS and ratio <= GOAL_RATIO)
			if label != BASELINE:
				summary.append((label, name, p50, ratio, met))
			print(
				f"{label:<24}{name:<40}{visible(method, message):>10}{p50:>9.1f}{p95:>9.1f}{ratio:>8.2f}"
				f"  {'' if label == BASELINE else ('met' if met else 'NOT met')}"
			)
	missed = [s for s in summary if not s[4]]
	worst = max(summary, key=lambda s: s[2])
	worst_ratio = max(summary, key=lambda s: s[3])
	print(
		f"summary: desk list reads under row rules | p50 <= {GOAL_MS:.0f} ms and <= {GOAL_RATIO:.0f}x Administrator"
		f" | worst p50 {worst[2]:.1f} ms ({worst[0]}, {worst[1]}); worst ratio {worst_ratio[3]:.2f}x"
		f" ({worst_ratio[0]}, {worst_ratio[1]}); {len(summary) - len(missed)}/{len(summary)} met"
		f" | {worst_ratio[3]:.2f}x | {loadavg()}"
	)

	if shutil.which("wrk") and args.clients:
		print(f"\nwrk: group list page (frappe.desk.reportview.get), {args.seconds} s per line")
		print(
			f"{'user':<24}{'clients':>8}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>9}{'requests':>10}{'errors':>8}  load average"
		)
		for label in ("unit head", BASELINE):
			for clients in (int(c) for c in args.clients.split(",")):
				p50, p95, rps, total, errors = wrk(args.url, tokens[label], group_list, clients, args.seconds)
				print(
					f"{label:<24}{clients:>8}{p50:>9.1f}{p95:>9.1f}{rps:>9.1f}{total:>10}{errors:>8}  {loadavg()}"
				)
	elif args.clients:
		print("\nwrk not installed (apt-get install wrk): no concurrent-client figures")


if __name__ == "__main__":
	main()
