"""Benchmark: the daily reminder scan (issue 8), set-based rules vs a naive per-document loop.

    cd $BENCH_DIR/sites && ../env/bin/python /path/to/repo/bench/reminder_bench.py --site SITE [--sample 2000]
    # quick check on an empty site: generate a smaller school first (bench/generate.py)
    ... reminder_bench.py --site SITE --accounts 2000 --groups 10000 --units 100 --sample 200

On a site filled by bench/generate.py (100k accounts, 500k groups), times
``notifications.reminders.collect`` (every rule: one query each) with its query count, and a naive
loop that loads every account and group document and checks the same conditions in Python,
measured on ``--sample`` documents per register and extrapolated. Read-only unless ``--accounts``
asks for generated data first. Goal: ≥ 50×.
"""

from __future__ import annotations

import argparse
import time

import frappe
from campaign_bench import QueryCounter  # noqa: E402  (same folder)


def naive_check(doctype: str, name: str, day) -> int:
	doc = frappe.get_doc(doctype, name)
	found = 0
	if doctype == "Social Media Group":
		found += bool(doc.filing_required and not doc.filing_number and doc.status != "Closed")
	else:
		found += bool(
			doc.status == "Draft" and frappe.utils.getdate(doc.creation) < frappe.utils.add_days(day, -7)
		)
		found += len(frappe.get_all("Change Report", filters={"platform_record": name, "docstatus": 0}))
		found += len(
			frappe.get_all("Annual Review", filters={"platform_record": name, "status": "Pending Report"})
		)
	return found


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--sample", type=int, default=2000)
	parser.add_argument("--accounts", type=int, help="generate this many accounts first (empty site only)")
	parser.add_argument("--groups", type=int, default=0, help="with --accounts: groups to generate")
	parser.add_argument("--units", type=int, default=200, help="with --accounts: units to generate")
	parser.add_argument("--seed", type=int, default=1)
	args = parser.parse_args()
	frappe.init(args.site)
	frappe.connect()
	try:
		if args.accounts:
			from generate import generate  # noqa: E402  (same folder)

			for step, seconds in generate(args.seed, args.units, args.accounts, args.groups).items():
				print(f"generated {step:<36}{seconds:>8.1f} s")
		from socialmedia_governance.notifications.reminders import collect, seed_settings

		seed_settings()
		day = frappe.utils.getdate(frappe.utils.today())
		accounts = frappe.db.count("Social Media Account")
		groups = frappe.db.count("Social Media Group")
		with QueryCounter() as fast_q:
			t = time.perf_counter()
			items, _ctx = collect(day)
			fast = time.perf_counter() - t
		naive_total = 0.0
		naive_queries = 0
		for doctype, total in (("Social Media Account", accounts), ("Social Media Group", groups)):
			names = frappe.get_all(doctype, pluck="name", limit=args.sample)
			with QueryCounter() as q:
				t = time.perf_counter()
				for name in names:
					naive_check(doctype, name, day)
				spent = time.perf_counter() - t
			naive_total += spent / len(names) * total
			naive_queries += q.count / len(names) * total
		print(f"site: {accounts} accounts, {groups} groups; {len(items)} reminder items today")
		print(f"{'path':<40}{'seconds':>12}{'queries':>12}")
		print(f"{'collect (every rule, set-based)':<40}{fast:>12.2f}{fast_q.count:>12}")
		print(f"{'naive loop, extrapolated':<40}{naive_total:>12.1f}{naive_queries:>12.0f}")
		print(f"speed-up: {naive_total / fast:.0f}x (goal >= 50x)")
	finally:
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main()
