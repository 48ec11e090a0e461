"""Posts for the activity benchmark on the accounts a site already has (issue 19: 100,000 accounts
and 5,000,000 posts).

    cd $BENCH_DIR/sites && ../env/bin/python /path/to/repo/bench/activity_posts.py --site SITE \
        [--posts-per-account 50] [--seed 1] [--remove]

bench/activity_bench.py's ``--accounts N --posts-per-account P`` adds N *new* accounts with P posts
each; this adds ``--posts-per-account`` posts to *every existing* account of the site instead (the
province-scale accounts bench/generate.py made), for bench/activity_bench.py run without
``--accounts``. Use a site of the benchmarks' own.

Each account's posts spread over the last year as activity_bench's own generator spreads them: the
account is silent for 0, 1, 3, 8, 11, 15, 40 or 200 days (one in eight each) and its posts fall at
random days and minutes between then and a year ago. Every value comes from SHA-1 of the seed, the
account and the post's number, so the same seed gives the same posts; they are written set-based
(``INSERT … SELECT`` over MariaDB's sequence table), 2,000 accounts per statement, each statement
committed, resumable (accounts that have their posts are skipped). The posts carry their account's
name, platform, unit and tier (the row-level rules read them), a link unique per account and the
app's dedupe key for it (SHA-1 of the link). Their names start with ``ACTB-``: ``--remove`` deletes
them.

An account with no opening date gets one (a year to five years before today) where it has none:
the longest gap of the last year is counted from the opening date or, without one, from the day the
account was created, which for generated accounts is the day they were generated, so without it
neither the set-based statement nor the per-account loop would have a year of posts to look at.
"""

from __future__ import annotations

import argparse
import time

import frappe
from frappe.utils import now_datetime, today

PREFIX = "ACTB-"
CHUNK = 2000


def h(expression: str, start: int, width: int = 6) -> str:
	"""A number from hex digits of the SHA-1 of ``expression`` (SQL)."""
	return f"conv(substr(sha1({expression}), {start}, {width}), 16, 10)"


def add_posts(per_account: int, seed: int) -> tuple[int, int]:
	if per_account > 999:
		raise SystemExit("at most 999 posts per account")
	now = now_datetime().replace(microsecond=0)
	seq = f"seq_1_to_{per_account}"
	account_key = "concat(%(seed)s, '-', a.`name`)"
	post_key = "concat(%(seed)s, '-', a.`name`, '-', s.`seq`)"
	silent = f"elt(1 + mod({h(account_key, 1)}, 8), 0, 1, 3, 8, 11, 15, 40, 200)"
	published = (
		f"%(now)s - interval ({silent} + mod({h(post_key, 1)}, 366 - {silent})) day"
		f" - interval mod({h(post_key, 7)}, 1440) minute"
	)
	link = "concat('https://activity-bench.invalid/', a.`name`, '/', s.`seq`)"
	reads = f"mod({h(post_key, 13)}, 5000)"
	names = frappe.db.sql_list(
		"select `name` from `tabSocial Media Account` where char_length(`name`) <= 120 order by `name`"
	)
	added = 0
	started = time.perf_counter()
	for i in range(0, len(names), CHUNK):
		chunk = names[i : i + CHUNK]
		frappe.db.sql(
			f"""insert into `tabPublished Post` (`name`, `creation`, `modified`, `owner`, `modified_by`,
				`account`, `account_name`, `platform`, `owner_unit`, `tier`, `published_at`, `source`,
				`first_seen`, `title`, `link`, `dedupe_key`, `reads`, `likes`, `shares`, `comments`, `wow`)
			select concat(%(prefix)s, a.`name`, '-', lpad(s.`seq`, 3, '0')), %(now)s, %(now)s,
				'Administrator', 'Administrator', a.`name`, a.`account_name`, a.`platform`, a.`owner_unit`,
				a.`tier`, {published}, if(mod({h(post_key, 19, 2)}, 10) < 7, 'Feed', 'Import'),
				{published} + interval 37 minute, concat(a.`account_name`, ' 第', s.`seq`, '条动态'),
				{link}, sha1({link}), {reads}, {reads} div 40, {reads} div 90, {reads} div 300,
				{reads} div 120
			from `tabSocial Media Account` a join {seq} s
			where a.`name` in %(names)s and not exists (
				select 1 from `tabPublished Post` p where p.`name` = concat(%(prefix)s, a.`name`, '-001'))
			order by a.`name`, s.`seq`""",
			{"prefix": PREFIX, "now": now, "seed": str(seed), "names": chunk},
		)
		added += frappe.db._cursor.rowcount
		frappe.db.commit()
		if (i // CHUNK) % 10 == 9:
			print(
				f"  {i + len(chunk):,} accounts, {added:,} posts added, {time.perf_counter() - started:.0f} s",
				flush=True,
			)
	frappe.db.sql(
		f"""update `tabSocial Media Account` set `opened_on` =
			date_sub(%(today)s, interval 366 + mod({h("concat(%(seed)s, '-opened-', `name`)", 1)}, 1460) day)
		where `opened_on` is null""",
		{"today": today(), "seed": str(seed)},
	)
	opened = frappe.db._cursor.rowcount
	frappe.db.commit()
	return added, opened


def remove() -> int:
	removed = 0
	while True:
		frappe.db.sql("delete from `tabPublished Post` where `name` like %s limit 100000", PREFIX + "%")
		count = frappe.db._cursor.rowcount
		frappe.db.commit()
		removed += count
		if not count:
			return removed


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--posts-per-account", type=int, default=50)
	parser.add_argument("--seed", type=int, default=1)
	parser.add_argument("--remove", action="store_true")
	args = parser.parse_args()
	frappe.init(site=args.site)
	frappe.connect()
	try:
		started = time.perf_counter()
		if args.remove:
			print(f"removed {remove():,} posts named {PREFIX}… in {time.perf_counter() - started:.0f} s")
			return
		accounts = frappe.db.count("Social Media Account")
		added, opened = add_posts(args.posts_per_account, args.seed)
		print(
			f"added {added:,} posts to {accounts:,} existing accounts ({args.posts_per_account} each, seed"
			f" {args.seed}) in {time.perf_counter() - started:.0f} s; opening date set on {opened:,} accounts"
			f" that had none; {frappe.db.count('Published Post'):,} posts on the site"
		)
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main()
