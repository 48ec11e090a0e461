"""Benchmark: REST list reads with row-level rules (issue 9), through a real web server.

    cd $BENCH_DIR/sites && ../env/bin/python /path/to/repo/bench/rest_bench.py --site SITE --url http://127.0.0.1:PORT

On a site filled by bench/generate.py, a counsellor (her classes), a unit head (his college's
subtree) and the Administrator (no row-level rule: the baseline) each read the first page of the
account and group registers and their counts ``--requests`` times over HTTP; prints p50 / p95
latency per user and list, and how many rows each user may see.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import frappe
import requests

LISTS = (
	("Social Media Account", '["name","account_name","owner_unit","status"]'),
	("Social Media Group", '["name","group_name","owner_unit","member_count"]'),
)


def token(user: str) -> str:
	doc = frappe.get_doc("User", user)
	doc.api_key = doc.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.flags.ignore_permissions = True
	doc.save()
	return f"token {doc.api_key}:{secret}"


def pick_users() -> dict[str, str]:
	counsellor = frappe.db.sql(
		"""select u.`counsellor` from `tabOrganization Unit` u where ifnull(u.`counsellor`, '') != ''
		order by u.`lft` limit 1"""
	)[0][0]
	head = frappe.db.sql(
		"""select u.`head` from `tabOrganization Unit` u where u.`unit_type` = 'Secondary College'
		and ifnull(u.`head`, '') != '' order by u.`lft` limit 1"""
	)[0][0]
	return {"counsellor": counsellor, "unit head": head, "Administrator (no row rules)": "Administrator"}


def percentile(values: list[float], p: float) -> float:
	values = sorted(values)
	return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def run(url: str, auth: str, doctype: str, fields: str, n: int) -> tuple[list[float], int]:
	session = requests.Session()
	session.headers["Authorization"] = auth
	times = []
	for _ in range(n):
		t = time.perf_counter()
		r = session.get(f"{url}/api/resource/{doctype}", params={"fields": fields, "limit_page_length": 20})
		r.raise_for_status()
		times.append((time.perf_counter() - t) * 1000)
	count = session.get(f"{url}/api/method/frappe.client.get_count", params={"doctype": doctype}).json()[
		"message"
	]
	return times, count


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--url", required=True)
	parser.add_argument("--requests", type=int, default=100)
	args = parser.parse_args()
	frappe.init(args.site)
	frappe.connect()
	try:
		users = pick_users()
		tokens = {}
		for label, user in users.items():
			if user == "Administrator":
				frappe.db.set_value("User", "Administrator", "api_key", None)
			tokens[label] = token(user)
		frappe.db.commit()
		accounts = frappe.db.count("Social Media Account")
		groups = frappe.db.count("Social Media Group")
	finally:
		frappe.destroy()
	print(f"site: {accounts} accounts, {groups} groups; {args.requests} requests per line")
	print(f"{'user':<30}{'list':<22}{'visible rows':>14}{'p50 ms':>10}{'p95 ms':>10}")
	rows = []
	for label, auth in tokens.items():
		for doctype, fields in LISTS:
			times, count = run(args.url, auth, doctype, fields, args.requests)
			p50, p95 = statistics.median(times), percentile(times, 95)
			rows.append({"user": label, "list": doctype, "visible": count, "p50_ms": p50, "p95_ms": p95})
			print(f"{label:<30}{doctype:<22}{count:>14}{p50:>10.1f}{p95:>10.1f}")
	print("json: " + json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
	main()
