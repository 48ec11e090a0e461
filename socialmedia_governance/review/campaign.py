"""Annual review campaigns (S16, H7.3): one review per active account and filed group, created
set-based (one INSERT … SELECT per register, never a document loop) so that it stays fast for
100k platforms, and idempotent: a review's name is campaign + platform, so re-running adds only
what is missing (platforms opened after the campaign started) and never duplicates.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate, now, today

from socialmedia_governance.policy import platforms
from socialmedia_governance.policy import review as rules
from socialmedia_governance.registry.people import propaganda_head
from socialmedia_governance.registry.settings import get_settings, site_lang
from socialmedia_governance.review import tally

REVIEW = tally.REVIEW
REGISTERS = (
	("Social Media Account", "account_name", "p.`status` = %(active)s"),
	("Social Media Group", "group_name", "p.`status` = %(active)s and ifnull(p.`filing_number`, '') != ''"),
)


class CampaignError(frappe.ValidationError):
	pass


def campaign_dates(year: int):
	s = get_settings()
	return rules.window(year, s.review_open_month, s.review_open_day, s.review_due_month, s.review_due_day)


def create_reviews(campaign: str) -> int:
	"""Create the missing reviews of ``campaign``; returns how many were added."""
	doc = frappe.get_doc("Annual Review Campaign", campaign)
	settings = get_settings()
	tier3_by_propaganda = 1 if rules.reviewer_kind(3, settings.tier3_reviewer) == rules.PROPAGANDA else 0
	before = frappe.db.count(REVIEW, {"campaign": campaign})
	values = {
		"campaign": campaign,
		"now": now(),
		"user": frappe.session.user,
		"due": doc.due_date,
		"t3p": tier3_by_propaganda,
		"ph": propaganda_head(),
		"propaganda": rules.PROPAGANDA,
		"tier2head": rules.TIER2_HEAD,
		"propaganda_tiers": rules.PROPAGANDA_TIERS,
		"active": platforms.ACTIVE,
		"pending": rules.PENDING_REPORT,
	}
	for step, (register, title_field, condition) in enumerate(REGISTERS, start=1):
		# policy.review.reviewer_kind, set-based
		by_propaganda = "(p.`tier` in %(propaganda_tiers)s or %(t3p)s = 1)"
		frappe.db.sql(
			f"""
			insert ignore into `tab{REVIEW}`
				(`name`, `creation`, `modified`, `owner`, `modified_by`, `docstatus`, `idx`,
				`campaign`, `platform_doctype`, `platform_record`, `platform_title`, `status`, `due_date`,
				`owner_unit`, `tier`, `tier2_unit`, `reviewer_kind`, `reviewer`, `is_overdue`)
			select
				concat(%(campaign)s, '-', p.`name`), %(now)s, %(now)s, %(user)s, %(user)s, 0, 0,
				%(campaign)s, '{register}', p.`name`, p.`{title_field}`, %(pending)s, %(due)s,
				p.`owner_unit`, p.`tier`, p.`tier2_unit`,
				case when {by_propaganda} then %(propaganda)s else %(tier2head)s end,
				case when {by_propaganda} then %(ph)s else u.`head` end,
				0
			from `tab{register}` p
			left join `tabOrganization Unit` u on u.`name` = p.`tier2_unit`
			where {condition}
			""",
			values,
		)
		frappe.publish_progress(
			step * 100 / len(REGISTERS),
			title=_("Creating annual reviews", lang=site_lang()),
			doctype="Annual Review Campaign",
			docname=campaign,
		)
	added = frappe.db.count(REVIEW, {"campaign": campaign}) - before
	update_counts(campaign)
	return added


def update_counts(campaign: str, owner_units=None) -> None:
	"""Count ``campaign``'s reviews again into its tally (those of ``owner_units``, or all) and
	its totals, which are added up from the tally."""
	tally.recount(campaign, owner_units)
	row = frappe.db.sql(
		f"""select sum(`reviews`) total,
			sum(if(`status` != %(pending)s, `reviews`, 0)) submitted,
			sum(if(`outcome` = %(pass)s, `reviews`, 0)) passed,
			sum(if(`outcome` = %(fail)s, `reviews`, 0)) failed,
			sum(if(`is_overdue` = 1, `reviews`, 0)) overdue
		from `tab{tally.TALLY}` where `campaign` = %(campaign)s""",
		{"campaign": campaign, "pending": rules.PENDING_REPORT, "pass": rules.PASS, "fail": rules.FAIL},
		as_dict=True,
	)[0]
	frappe.db.set_value(
		"Annual Review Campaign",
		campaign,
		{
			"total_reviews": int(row.total or 0),
			"submitted_reviews": int(row.submitted or 0),
			"passed_reviews": int(row.passed or 0),
			"failed_reviews": int(row.failed or 0),
			"overdue_reviews": int(row.overdue or 0),
		},
		update_modified=False,
	)


def overdue(review, on_date):
	"""H7.3 in SQL: the reviews whose report is missing after their due date (``review``: a
	frappe.qb table of Annual Review) — ``policy.review.is_overdue``, set-based."""
	return (review.status == rules.PENDING_REPORT) & (review.due_date < on_date)


def mark_overdue(on_date=None) -> int:
	"""Flag every review whose report is missing after its due date (one UPDATE)."""
	on_date = getdate(on_date or today())
	review = frappe.qb.DocType(REVIEW)
	flagged = (
		frappe.qb.from_(review)
		.select(review.campaign)
		.distinct()
		.where(overdue(review, on_date) & (review.is_overdue == 0))
		.run(pluck=True)
	)
	(
		frappe.qb.update(review)
		.set(review.is_overdue, 1)
		.where(overdue(review, on_date) & (review.is_overdue == 0))
		.run()
	)
	count = frappe.db.count(REVIEW, {"is_overdue": 1, "status": rules.PENDING_REPORT})
	# the campaigns whose reviews were flagged now, and every open one (a nightly recount heals a
	# tally that a write outside the reviews' code left behind)
	for campaign in sorted(
		{*flagged, *frappe.get_all("Annual Review Campaign", filters={"status": "Open"}, pluck="name")}
	):
		update_counts(campaign)
	return count


def open_campaign(year: int, run_now: bool = False) -> str:
	"""Create (or reopen) the campaign of ``year`` and queue the creation of its reviews."""
	name = f"ARC-{year}"
	if not frappe.db.exists("Annual Review Campaign", name):
		frappe.get_doc({"doctype": "Annual Review Campaign", "year": year}).insert(ignore_permissions=True)
	frappe.db.set_value("Annual Review Campaign", name, "status", "Open")
	if run_now:
		create_reviews(name)
	else:
		frappe.enqueue(
			"socialmedia_governance.review.campaign.create_reviews",
			queue="long",
			campaign=name,
			enqueue_after_commit=True,
		)
	return name


def daily(run_now: bool = False):
	"""Scheduler: open this year's campaign on its open date (default 1 December), flag overdue
	reports. ``run_now`` creates the reviews here instead of in a background job (the demo)."""
	year = getdate(today()).year
	opens, _due = campaign_dates(year)
	if getdate(today()) >= opens and not frappe.db.exists("Annual Review Campaign", f"ARC-{year}"):
		open_campaign(year, run_now=run_now)
	mark_overdue()
