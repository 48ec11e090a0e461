"""Benchmark: the daily reminder scan (issues 8 and 17), set-based rules vs a naive per-document loop
doing the same work.

    cd $BENCH_DIR/sites && ../env/bin/python /path/to/repo/bench/reminder_bench.py --site SITE [--sample 1000]
    # quick check on an empty site: generate a smaller school first (bench/generate.py)
    ... reminder_bench.py --site SITE --accounts 2000 --groups 10000 --units 100 --sample 200

``notifications.reminders.collect`` runs every enabled rule (one query each). The naive loop does
the same rules the way a document loop would: it loads every document each rule looks at (accounts,
groups, change reports, annual reviews, release tasks, incidents, award bans and every DocType
approved step by step), checks each enabled rule's condition in Python and resolves the recipients
from the platform's document (its administrators and owner, each user loaded to see whether it is
enabled) — the same recipients, the same items. Before anything is timed, the naive loop runs over
a seeded sample of ``--sample`` documents per DocType (all of them when there are fewer) and the
bench asserts that it finds exactly the items ``collect`` finds for those documents (recipient,
rule, document). The naive time is then measured on that sample and extrapolated per DocType.
Read-only unless ``--accounts`` asks for generated data first. Goal: ≥ 50×.
"""

from __future__ import annotations

import argparse
import os
import random
import time

import frappe
from campaign_bench import QueryCounter  # noqa: E402  (same folder)
from frappe.utils import add_days, getdate, now_datetime

from socialmedia_governance.policy import content, platforms, review, tiers


class Naive:
	"""Every rule of notifications.reminders, one document at a time."""

	def __init__(self, ctx, enabled: set[str]):
		from socialmedia_governance.notifications import reminders
		from socialmedia_governance.registry.people import propaganda_people

		self.r = reminders
		self.ctx = ctx
		self.day = getdate(ctx.day)
		self.enabled = enabled
		self.propaganda = propaganda_people()

	def on(self, rule: str) -> bool:
		return rule in self.enabled

	def enabled_user(self, user: str | None) -> bool:
		return bool(user) and bool(frappe.db.get_value("User", user, "enabled"))

	def people(self, register: str, name: str) -> list[str]:
		if not register or not name or not frappe.db.exists(register, name):
			return []
		platform = frappe.get_doc(register, name)
		out = []
		for row in sorted(platform.get("administrators") or [], key=lambda a: a.idx):
			if self.enabled_user(row.user) and row.user not in out:
				out.append(row.user)
		if (
			register == self.r.GROUP
			and self.enabled_user(platform.group_owner)
			and platform.group_owner not in out
		):
			out.append(platform.group_owner)
		return out

	def items(self, users, rule, doctype, doc) -> list[tuple]:
		return [(u, rule, doctype, doc.name) for u in users]

	# one method per DocType: load the document, check every rule about it
	def check(self, doctype: str, name: str) -> list[tuple]:
		doc = frappe.get_doc(doctype, name)
		ctx, day, out = self.ctx, self.day, []
		if doctype == self.r.ACCOUNT:
			if self.on("account_never_filed") and doc.status == platforms.DRAFT:
				if doc.creation < frappe.utils.get_datetime(
					add_days(ctx.day, -ctx.days["account_never_filed"])
				):
					out += self.items(self.people(doctype, doc.name), "account_never_filed", doctype, doc)
			if (
				self.on("graduation_handover")
				and day.month == ctx.graduation_month
				and day.day == 1
				and doc.status == platforms.ACTIVE
				and frappe.db.get_value("Organization Unit", doc.owner_unit, "unit_type")
				in tiers.STUDENT_RUN_TYPES
			):
				out += self.items(self.people(doctype, doc.name), "graduation_handover", doctype, doc)
		elif doctype == self.r.GROUP:
			if (
				self.on("group_unfiled")
				and doc.filing_required
				and not doc.filing_number
				and doc.status not in (platforms.CLOSED, platforms.UNDER_REVIEW)
			):
				out += self.items(self.people(doctype, doc.name), "group_unfiled", doctype, doc)
		elif doctype == "Change Report":
			due = add_days(ctx.day, ctx.days["change_report_due"])
			if (
				self.on("change_report_due")
				and doc.docstatus == 0
				and doc.due_date
				and getdate(doc.due_date) <= getdate(due)
			):
				out += self.items(
					self.people(doc.platform_doctype, doc.platform_record), "change_report_due", doctype, doc
				)
			if (
				self.on("password_rotation_pending")
				and doc.docstatus == 1
				and doc.completion_status == "Awaiting Password Rotation"
			):
				people = self.people(doc.platform_doctype, doc.platform_record)
				out += self.items(people, "password_rotation_pending", doctype, doc)
		elif doctype == "Annual Review":
			due = getdate(doc.due_date) if doc.due_date else None
			people = None
			for rule, hit in (
				(
					"review_due",
					doc.status == review.PENDING_REPORT
					and due
					and day <= due <= getdate(add_days(day, ctx.days["review_due"])),
				),
				("review_overdue", review.is_overdue(doc.status != review.PENDING_REPORT, due, day)),
				(
					"rectification_due",
					doc.outcome == "Rectify"
					and doc.rectify_deadline
					and day
					<= getdate(doc.rectify_deadline)
					<= getdate(add_days(day, ctx.days["rectification_due"])),
				),
			):
				if self.on(rule) and hit:
					if people is None:
						people = self.people(doc.platform_doctype, doc.platform_record)
					out += self.items(people, rule, doctype, doc)
		elif doctype == "Release Task":
			if self.on("release_straggler") and doc.status in ("Pending", "Overdue"):
				out += self.items(self.people(self.r.ACCOUNT, doc.account), "release_straggler", doctype, doc)
		elif doctype == "Incident":
			if (
				self.on("incident_overdue")
				and doc.status == content.INCIDENT_OPEN
				and doc.handle_by
				and doc.handle_by < now_datetime()
			):
				finder = doc.found_by if self.enabled_user(doc.found_by) else None
				out += self.items(
					dict.fromkeys(p for p in [finder, *self.propaganda] if p),
					"incident_overdue",
					doctype,
					doc,
				)
		elif doctype == "Award Ban":
			until = getdate(add_days(day, ctx.days["award_ban_ending"]))
			if self.on("award_ban_ending") and doc.end_date and day <= getdate(doc.end_date) <= until:
				out += self.items(self.propaganda, "award_ban_ending", doctype, doc)
		if doctype in self.approval_parents and self.on("approval_waiting") and doc.docstatus == 0:
			since = frappe.utils.get_datetime(add_days(ctx.day, -ctx.days["approval_waiting"]))
			for step in doc.get("steps") or []:
				if step.status == "Pending" and step.step == doc.current_step and step.creation < since:
					users = [u for u in (doc.current_approvers or "").split("\n") if u]
					out += self.items(users, "approval_waiting", doctype, doc)
		return out


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--sample", type=int, default=1000, help="documents per DocType for the naive loop")
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
		from socialmedia_governance.notifications.reminders import approval_parents, collect
		from socialmedia_governance.setup.reminders import seed_settings

		seed_settings()
		day = frappe.utils.getdate(frappe.utils.today())
		with QueryCounter() as fast_q:
			t = time.perf_counter()
			items, ctx = collect(day)
			fast = time.perf_counter() - t
		load_fast = os.getloadavg()[0]
		settings = frappe.get_single("Reminder Settings")
		enabled = {r.rule for r in settings.rules if r.enabled}
		naive = Naive(ctx, enabled)
		naive.approval_parents = set(approval_parents())
		doctypes = [
			naive.r.ACCOUNT,
			naive.r.GROUP,
			"Change Report",
			"Annual Review",
			"Release Task",
			"Incident",
			"Award Ban",
			*sorted(naive.approval_parents),
		]
		rng = random.Random(args.seed)
		found = {(i.recipient, i.rule, i.reference_doctype, i.reference_name) for i in items}
		rows, naive_total, naive_queries, compared = [], 0.0, 0.0, 0
		for doctype in dict.fromkeys(doctypes):
			names = frappe.get_all(doctype, pluck="name", order_by="name")
			total = len(names)
			if not total:
				continue
			sample = names if total <= args.sample else rng.sample(names, args.sample)
			# same items first: the naive loop over the sample against collect's items for it
			mine = set()
			for name in sample:
				mine.update(naive.check(doctype, name))
			chosen = set(sample)
			theirs = {k for k in found if k[2] == doctype and k[3] in chosen}
			assert mine == theirs, (
				f"{doctype}: the naive loop and collect disagree on {len(mine ^ theirs)} items, e.g. "
				f"{sorted(mine ^ theirs)[:3]}"
			)
			compared += len(mine)
			frappe.clear_cache()  # the naive loop is timed cold, as a daily job meets the documents
			with QueryCounter() as q:
				t = time.perf_counter()
				for name in sample:
					naive.check(doctype, name)
				spent = time.perf_counter() - t
			naive_total += spent / len(sample) * total
			naive_queries += q.count / len(sample) * total
			rows.append((doctype, total, len(sample), spent, spent / len(sample) * total))
		load_naive = os.getloadavg()[0]
		rules = enabled & set(naive.r.QUERIES)
		print(
			f"{len(items):,} reminder items today from {len(rules)} enabled rules of {len(naive.r.QUERIES)}"
		)
		print(
			f"same items: the naive loop found exactly collect's {compared:,} items on the sampled documents"
		)
		print(
			f"{'naive loop per DocType':<34}{'documents':>10}{'sampled':>9}{'sample s':>10}{'extrapolated s':>16}"
		)
		for doctype, total, n, spent, extra in rows:
			print(f"{doctype:<34}{total:>10,}{n:>9,}{spent:>10.2f}{extra:>16.1f}")
		print(f"{'path':<40}{'seconds':>12}{'queries':>12}{'load':>7}")
		print(f"{'collect (every rule, set-based)':<40}{fast:>12.2f}{fast_q.count:>12}{load_fast:>7.2f}")
		print(f"{'naive loop, extrapolated':<40}{naive_total:>12.1f}{naive_queries:>12.0f}{load_naive:>7.2f}")
		ratio = naive_total / fast
		print(f"speed-up: {ratio:.0f}x (goal >= 50x)")
		la = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
		print(
			f"summary: daily reminder scan vs naive loop (same rules, same items) | >= 50x"
			f" | {fast:.2f} s vs {naive_total:,.0f} s | {ratio:.0f}x | {la}"
		)
	finally:
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main()
