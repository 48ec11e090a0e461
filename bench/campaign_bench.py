"""Benchmark: annual review campaign creation, set-based vs a naive per-document loop (S16, H7.3).

    cd $BENCH_DIR/sites && ../env/bin/python /path/to/repo/bench/campaign_bench.py --site SITE [--accounts 100000]

Generates ``--accounts`` active accounts (bulk insert, fixed seed) under one generated school
tree, times ``create_reviews`` (two INSERT … SELECT statements) and a naive loop that inserts one
Annual Review document per account on a sample, and prints times, query counts and the ratio.
Everything runs in one transaction that is rolled back at the end: the site is left unchanged.
Goal (issue 4): set-based ≥ 20× faster than the naive loop.
"""

from __future__ import annotations

import argparse
import random
import time

import frappe


class QueryCounter:
	def __init__(self):
		self.count = 0
		self._sql = None

	def __enter__(self):
		self._sql = frappe.db.sql

		def counted(*args, **kwargs):
			self.count += 1
			return self._sql(*args, **kwargs)

		frappe.db.sql = counted
		return self

	def __exit__(self, *exc):
		frappe.db.sql = self._sql


def generate(n: int, seed: int = 7) -> tuple[str, str]:
	from socialmedia_governance.tests.factories import make_school

	rng = random.Random(seed)
	school = make_school(f"b{seed}")
	units = [school.units[k] for k in ("kj", "xx", "kj_class", "xx_class", "club", "kj_xsh")]
	tiers = {u: frappe.db.get_value("Organization Unit", u, "tier") for u in units}
	now = frappe.utils.now()
	rows = []
	for i in range(n):
		unit = rng.choice(units)
		rows.append(
			(
				f"BENCH-{i:07d}",
				now,
				now,
				"Administrator",
				"Administrator",
				0,
				f"基准账号{i}",
				"微信公众号",
				unit,
				tiers[unit],
				school.units["kj"],
				"Active",
				f"XCB-B-{i}",
			)
		)
	frappe.db.bulk_insert(
		"Social Media Account",
		[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"docstatus",
			"account_name",
			"platform",
			"owner_unit",
			"tier",
			"tier2_unit",
			"status",
			"filing_number",
		],
		rows,
	)
	year = 2090 + seed % 9
	frappe.get_doc({"doctype": "Annual Review Campaign", "year": year}).insert(ignore_permissions=True)
	return f"ARC-{year}", school.units["kj"]


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--accounts", type=int, default=100_000)
	parser.add_argument("--naive-sample", type=int, default=1_000)
	args = parser.parse_args()
	frappe.init(args.site)
	frappe.connect()
	try:
		from socialmedia_governance.review.campaign import create_reviews

		t0 = time.perf_counter()
		campaign, _unit = generate(args.accounts)
		gen = time.perf_counter() - t0
		total = frappe.db.count("Social Media Account", {"status": "Active"})

		with QueryCounter() as fast_q:
			t0 = time.perf_counter()
			create_reviews(campaign)
			fast = time.perf_counter() - t0
		created = frappe.db.count("Annual Review", {"campaign": campaign})
		frappe.db.sql("delete from `tabAnnual Review` where campaign = %s", campaign)

		sample = frappe.get_all(
			"Social Media Account",
			filters={"status": "Active"},
			fields=["name", "account_name", "owner_unit", "tier", "tier2_unit"],
			limit=args.naive_sample,
		)
		with QueryCounter() as naive_q:
			t0 = time.perf_counter()
			for acc in sample:
				frappe.get_doc(
					{
						"doctype": "Annual Review",
						"campaign": campaign,
						"platform_doctype": "Social Media Account",
						"platform_record": acc.name,
						"platform_title": acc.account_name,
						"owner_unit": acc.owner_unit,
						"tier": acc.tier,
						"tier2_unit": acc.tier2_unit,
					}
				).insert(ignore_permissions=True)
			naive_sample = time.perf_counter() - t0
		naive = naive_sample / len(sample) * total
		print(f"{'path':<34}{'platforms':>10}{'seconds':>12}{'queries':>12}")
		print(f"{'generate (bulk insert)':<34}{args.accounts:>10}{gen:>12.2f}{'':>12}")
		print(f"{'create_reviews (set-based)':<34}{created:>10}{fast:>12.2f}{fast_q.count:>12}")
		print(f"{'naive loop, measured sample':<34}{len(sample):>10}{naive_sample:>12.2f}{naive_q.count:>12}")
		print(
			f"{'naive loop, extrapolated':<34}{total:>10}{naive:>12.2f}{naive_q.count / len(sample) * total:>12.0f}"
		)
		print(f"speed-up: {naive / fast:.0f}x (goal >= 20x)")
	finally:
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main()
