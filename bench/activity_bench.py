"""Benchmark: activity facts for every account recomputed set-based (monitoring/activity.py, three
statements whatever the number of accounts) against a per-account document loop doing the same work
(load the account, its posts, compute the facts with the pure rules, save its Account Activity).

    cd $BENCH_DIR/sites && ../env/bin/python /path/to/repo/bench/activity_bench.py --site SITE \
        [--accounts 100000 --posts-per-account 50] [--sample 300]

With ``--accounts`` the bench first adds that many accounts (status Active, in existing units) and
``--posts-per-account`` posts each, over the last year, with ``frappe.db.bulk_insert`` through
``bench/rows.py`` (use a site of the benchmarks' own). The loop runs over a seeded sample of accounts; before anything is timed it
must agree with the set-based facts on that sample. Its time is extrapolated to all accounts.
Goal: ≥ 50× faster, in a constant number of queries.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import timedelta

import frappe
from frappe.utils import get_datetime, getdate, now_datetime, today

# bench/rows.py, beside this file
from rows import ACTIVE, IMPORTED, insert_records


class Counter:
	def __init__(self):
		self.count = 0

	def __enter__(self):
		self.original = frappe.db.__class__.sql
		counter = self

		def sql(db, *args, **kwargs):
			counter.count += 1
			return counter.original(db, *args, **kwargs)

		frappe.db.__class__.sql = sql
		return self

	def __exit__(self, *exc):
		frappe.db.__class__.sql = self.original


def generate(accounts: int, per_account: int, seed: int = 1) -> None:
	rng = random.Random(seed)
	units = frappe.get_all(
		"Organization Unit", filters={"unit_type": ("!=", "School")}, fields=["name", "tier"]
	)
	if not units:
		raise SystemExit("no organisation units: generate a school first (bench/generate.py)")
	platform = frappe.db.get_value("Social Media Platform", {"kind": "Public Account"})
	now = now_datetime()
	start = frappe.db.count("Social Media Account")
	names = [f"SMA-BENCH-{start + n:07d}" for n in range(accounts)]

	def account_records():
		for name in names:
			unit = rng.choice(units)
			yield {
				"name": name,
				"account_name": f"基准账号{name}",
				"platform": platform,
				"owner_unit": unit.name,
				"tier": unit.tier or 3,
				"status": ACTIVE,
				"opened_on": getdate(today()) - timedelta(days=rng.randint(30, 2000)),
			}

	def post_records():
		for name in names:
			silent = rng.choice((0, 1, 3, 8, 11, 15, 40, 200))
			for n in range(per_account):
				days = silent + rng.randint(0, 365 - silent)
				yield {
					"name": frappe.generate_hash(length=10),
					"account": name,
					"published_at": now - timedelta(days=days, minutes=rng.randint(0, 1440)),
					"source": IMPORTED,
					"first_seen": now,
					"title": f"动态{n}",
					"dedupe_key": frappe.generate_hash(length=40),
				}

	insert_records("Social Media Account", now, account_records())
	frappe.db.commit()
	insert_records("Published Post", now, post_records())
	frappe.db.commit()


def naive_one(account: str, day, thresholds):
	from socialmedia_governance.policy import activity

	acc = frappe.get_doc("Social Media Account", account)
	dates = [
		get_datetime(d)
		for d in frappe.get_all("Published Post", filters={"account": account}, pluck="published_at")
	]
	facts = activity.facts(
		dates,
		day,
		activity.thresholds_for(acc.tier, *thresholds),
		opened_on=acc.opened_on or getdate(acc.creation),
		has_source=False,
		monitored=acc.status == activity.MONITORED_STATUS,
	)
	if frappe.db.exists("Account Activity", account):
		doc = frappe.get_doc("Account Activity", account)
	else:
		doc = frappe.new_doc("Account Activity")
		doc.account = account
	doc.update(
		{
			"activity_state": facts.state,
			"days_silent": facts.days_silent or 0,
			"posts_7": facts.posts[7],
			"posts_30": facts.posts[30],
			"posts_90": facts.posts[90],
			"longest_gap_days": facts.longest_gap,
		}
	)
	doc.flags.ignore_permissions = True
	doc.save()
	return facts


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--accounts", type=int, default=0)
	parser.add_argument("--posts-per-account", type=int, default=50)
	parser.add_argument("--sample", type=int, default=300)
	args = parser.parse_args()
	frappe.init(site=args.site)
	frappe.connect()
	try:
		from socialmedia_governance.monitoring import activity as recompute

		if args.accounts:
			started = time.perf_counter()
			generate(args.accounts, args.posts_per_account)
			print(
				f"generated {args.accounts} accounts, {args.accounts * args.posts_per_account} posts in {time.perf_counter() - started:.0f} s"
			)
		accounts = frappe.db.count("Social Media Account")
		posts = frappe.db.count("Published Post")
		day = getdate(today())
		with Counter() as queries:
			started = time.perf_counter()
			recompute.recompute(day)
			frappe.db.commit()
			setbased = time.perf_counter() - started
		sample = random.Random(7).sample(
			frappe.get_all("Social Media Account", pluck="name"), min(args.sample, accounts)
		)
		thresholds = recompute.thresholds()
		# the loop must agree with the set-based facts before it is timed
		stored = {
			r.name: r
			for r in frappe.get_all(
				"Account Activity",
				filters={"name": ("in", sample)},
				fields=["name", "activity_state", "posts_30", "longest_gap_days"],
			)
		}
		started = time.perf_counter()
		for account in sample:
			facts = naive_one(account, day, thresholds)
			row = stored[account]
			assert (facts.state, facts.posts[30], facts.longest_gap) == (
				row.activity_state,
				row.posts_30,
				row.longest_gap_days,
			), (account, facts, row)
		naive = time.perf_counter() - started
		frappe.db.rollback()
		extrapolated = naive / len(sample) * accounts
		print(f"accounts: {accounts}, posts: {posts}")
		print(f"set-based recompute: {setbased:.1f} s in {queries.count} queries")
		print(
			f"per-account loop: {len(sample)} accounts in {naive:.1f} s → {extrapolated:.0f} s for {accounts} (extrapolated)"
		)
		print(f"ratio: {extrapolated / setbased:.0f}x (goal >= 50x)")
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main()
