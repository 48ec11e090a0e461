"""Benchmark: annual review campaign creation, set-based vs a naive per-document loop (S16, H7.3,
issues 4 and 17).

    cd $BENCH_DIR/sites && ../env/bin/python /path/to/repo/bench/campaign_bench.py --site SITE \\
        [--accounts 0] [--naive-sample 1000] [--batches 5]

Reviews are created for every active account and every filed group (``review.campaign.REGISTERS``).
With ``--accounts N`` that many active accounts are added first under a test school (bulk insert,
fixed seed). Three campaigns, each clean (nothing deleted inside the transaction, so no insert pays
for dead rows):

1. naive loop: one ``Annual Review`` document insert per platform, for a seeded sample of the same
   platforms the set-based path reviews (accounts and groups in proportion), in ``--batches``
   batches: the per-document cost of each batch shows how it grows with the campaign (every insert
   recounts its campaign); the total is extrapolated from the cost per document;
2. ``create_reviews`` (set-based: one INSERT … SELECT per register, then the counts);
3. the bare ``INSERT … SELECT`` of the same rows (name, campaign, platform only): what a set-based
   path cannot beat.

Everything runs in one transaction that is rolled back at the end: the site is left unchanged.
Goal (issue 4): set-based ≥ 20× faster than the naive loop.
"""

from __future__ import annotations

import argparse
import os
import random
import time

import frappe

# bench/rows.py, beside this file
from rows import ACTIVE, insert_records


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


def generate(n: int, seed: int = 7) -> None:
	from socialmedia_governance.tests.factories import make_school

	rng = random.Random(seed)
	school = make_school(f"b{seed}")
	units = [school.units[k] for k in ("kj", "xx", "kj_class", "xx_class", "club", "kj_xsh")]
	tiers = {u: frappe.db.get_value("Organization Unit", u, "tier") for u in units}
	now = frappe.utils.now()

	def records():
		for i in range(n):
			unit = rng.choice(units)
			yield {
				"name": f"BENCH-{i:07d}",
				"account_name": f"基准账号{i}",
				"platform": "微信公众号",
				"owner_unit": unit,
				"tier": tiers[unit],
				"tier2_unit": school.units["kj"],
				"status": ACTIVE,
				"filing_number": f"XCB-B-{i}",
			}

	insert_records("Social Media Account", now, records())


def platforms() -> list[tuple[str, str, str]]:
	"""(register, name, title) of every platform ``create_reviews`` reviews, in a fixed order."""
	from socialmedia_governance.review.campaign import REGISTERS

	out = []
	for register, title, condition in REGISTERS:
		rows = frappe.db.sql(
			f"select p.`name`, p.`{title}` from `tab{register}` p where {condition} order by p.`name`",
			{"active": ACTIVE},
		)
		out += [(register, name, label) for name, label in rows]
	return out


def new_campaign(year: int) -> str:
	doc = frappe.get_doc({"doctype": "Annual Review Campaign", "year": year})
	doc.insert(ignore_permissions=True)
	return doc.name


def free_years(n: int) -> list[int]:
	used = set(frappe.get_all("Annual Review Campaign", pluck="year"))
	return [y for y in range(2090, 2200) if y not in used][:n]


def naive_loop(campaign: str, sample: list, batches: int) -> tuple[list[tuple[int, float, int]], float]:
	"""Insert one review document per sampled platform; (documents, seconds, queries) per batch."""
	size = max(1, len(sample) // batches)
	out, total = [], 0.0
	for start in range(0, len(sample), size):
		chunk = sample[start : start + size]
		fields = ("owner_unit", "tier", "tier2_unit")
		with QueryCounter() as q:
			t0 = time.perf_counter()
			for register, name, title in chunk:
				unit, tier, tier2 = frappe.db.get_value(register, name, fields)
				frappe.get_doc(
					{
						"doctype": "Annual Review",
						"campaign": campaign,
						"platform_doctype": register,
						"platform_record": name,
						"platform_title": title,
						"owner_unit": unit,
						"tier": tier,
						"tier2_unit": tier2,
					}
				).insert(ignore_permissions=True)
			spent = time.perf_counter() - t0
		out.append((len(chunk), spent, q.count))
		total += spent
	return out, total


def raw_insert_select(campaign: str) -> float:
	"""The same reviews' rows with nothing but an INSERT … SELECT per register."""
	from socialmedia_governance.review.campaign import REGISTERS

	t0 = time.perf_counter()
	for register, _title, condition in REGISTERS:
		frappe.db.sql(
			f"""insert into `tabAnnual Review` (`name`, `campaign`, `platform_doctype`, `platform_record`)
			select concat(%(c)s, '-', p.`name`), %(c)s, '{register}', p.`name` from `tab{register}` p
			where {condition}""",
			{"c": campaign, "active": ACTIVE},
		)
	return time.perf_counter() - t0


def load() -> str:
	return f"{os.getloadavg()[0]:.2f}"


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--accounts", type=int, default=0, help="active accounts to add first (rolled back)")
	parser.add_argument("--naive-sample", type=int, default=1_000)
	parser.add_argument("--batches", type=int, default=5)
	args = parser.parse_args()
	frappe.init(args.site)
	frappe.connect()
	try:
		from socialmedia_governance.review.campaign import create_reviews

		gen = 0.0
		if args.accounts:
			t0 = time.perf_counter()
			generate(args.accounts)
			gen = time.perf_counter() - t0
		years = free_years(3)
		naive_c, fast_c, raw_c = (new_campaign(y) for y in years)
		reviewed = platforms()
		total = len(reviewed)
		per_register = {r: sum(1 for p in reviewed if p[0] == r) for r in {p[0] for p in reviewed}}
		sample = random.Random(5).sample(reviewed, min(args.naive_sample, total))

		batches, naive_sample = naive_loop(naive_c, sample, args.batches)
		load_naive = load()
		with QueryCounter() as fast_q:
			t0 = time.perf_counter()
			create_reviews(fast_c)
			fast = time.perf_counter() - t0
		load_fast = load()
		created = frappe.db.count("Annual Review", {"campaign": fast_c})
		raw = raw_insert_select(raw_c)
		load_raw = load()
		raw_rows = frappe.db.count("Annual Review", {"campaign": raw_c})

		per_doc = naive_sample / len(sample)
		naive = per_doc * total
		first = batches[0][1] / batches[0][0]
		last = batches[-1][1] / batches[-1][0]
		print(
			f"platforms reviewed: {total:,} ({', '.join(f'{n:,} {r}' for r, n in sorted(per_register.items()))})"
		)
		if args.accounts:
			print(f"generated {args.accounts:,} extra active accounts in {gen:.1f} s (rolled back)")
		print("naive loop on a clean campaign, per batch (the campaign grows as it goes):")
		print(f"{'batch':<8}{'reviews before':>16}{'documents':>11}{'ms/document':>13}{'queries/doc':>13}")
		done = 0
		for i, (n, spent, queries) in enumerate(batches, start=1):
			print(f"{i:<8}{done:>16,}{n:>11}{spent / n * 1000:>13.2f}{queries / n:>13.1f}")
			done += n
		print(f"{'path':<44}{'platforms':>10}{'seconds':>11}{'queries':>10}{'load':>7}")
		print(
			f"{'naive loop, measured sample':<44}{len(sample):>10,}{naive_sample:>11.2f}{sum(b[2] for b in batches):>10}{load_naive:>7}"
		)
		print(f"{'naive loop, extrapolated (mean cost/doc)':<44}{total:>10,}{naive:>11.1f}{'':>10}{'':>7}")
		print(
			f"{'create_reviews (set-based)':<44}{created:>10,}{fast:>11.2f}{fast_q.count:>10}{load_fast:>7}"
		)
		print(f"{'bare INSERT … SELECT (same rows)':<44}{raw_rows:>10,}{raw:>11.2f}{2:>10}{load_raw:>7}")
		print(
			f"naive cost per document {per_doc * 1000:.2f} ms (first batch {first * 1000:.2f}, last {last * 1000:.2f}:"
			f" {last / first:.2f}x); extrapolated linearly, which favours the naive loop when it grows"
		)
		print(f"set-based vs bare INSERT … SELECT: {fast / raw:.2f}x its time")
		ratio = naive / fast
		print(f"speed-up: {ratio:.0f}x (goal >= 20x)")
		la = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
		print(
			f"summary: annual review campaign creation vs naive loop | >= 20x"
			f" | {fast:.2f} s vs {naive:,.0f} s ({total:,} platforms; bare INSERT…SELECT {raw:.2f} s) | {ratio:.0f}x | {la}"
		)
	finally:
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main()
