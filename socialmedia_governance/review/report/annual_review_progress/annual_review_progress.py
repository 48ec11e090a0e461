# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Annual review progress per unit and tier (S16, H7.3), and the 通报 list: units with overdue
or failed reviews. A GROUP BY per part of the viewer's row rule, added up per unit and tier, read
from the tally of the reviews (review/tally.py) where the part reads only columns it keeps."""

import frappe
from frappe import _

from socialmedia_governance import reports
from socialmedia_governance.permissions import report_parts
from socialmedia_governance.policy import review, tiers
from socialmedia_governance.review import tally


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), data(filters)


def columns():
	return reports.columns(
		("tier2_unit", _("Tier-2 Unit"), "Link/Organization Unit", 200),
		# a tier is a name (一级), not a quantity: no total
		("tier_label", _("Tier"), "Data", 70, reports.NO_TOTAL),
		("total", _("Reviews"), "Int", 90),
		("submitted", _("Reports Submitted"), "Int", 120),
		("reviewed", _("Reviewed"), "Int", 90),
		("passed", _("Passed"), "Int", 80),
		("rectify", _("Rectify"), "Int", 90),
		("failed", _("Failed Reviews"), "Int", 80),
		("overdue", _("Overdue"), "Int", 80),
	)


COUNTS = ("total", "submitted", "reviewed", "passed", "rectify", "failed", "overdue")
# A part of a viewer's row rule over the owner unit or the reviewer, read from the reviews
# themselves (``data(from_tally=False)``), is read from one of these indexes alone
# (reports.add_indexes), grouped in the unit index's order, so that no part needs a temporary
# table. The report reads those parts from the tally; the parts over an account administrator's
# platform records read the reviews through the `platform_record` index.
INDEX_COLUMNS = ("tier2_unit", "tier", "status", "outcome", "is_overdue")
INDEXES = {
	"owner_unit_progress": ("owner_unit", *INDEX_COLUMNS, "campaign"),
	"reviewer_progress": ("reviewer", "owner_unit", *INDEX_COLUMNS),
}
REVIEWS = f"`tab{tally.REVIEW}`"
TALLIED = f"`tab{tally.TALLY}`"


def counts(weight: str) -> str:
	"""The report's sums, each review counted ``weight`` times (1 for a review, `reviews` for a
	row of the tally)."""
	return f"""sum({weight}) `total`,
		sum(if(`status` != %(_pending)s, {weight}, 0)) `submitted`,
		sum(if(`status` = %(_reviewed)s, {weight}, 0)) `reviewed`,
		sum(if(`outcome` = %(_pass)s, {weight}, 0)) `passed`,
		sum(if(`outcome` = %(_rectify)s, {weight}, 0)) `rectify`,
		sum(if(`outcome` = %(_fail)s, {weight}, 0)) `failed`,
		sum(if(`is_overdue` = 1 and `status` = %(_pending)s, {weight}, 0)) `overdue`"""


def data(filters, from_tally: bool = True):
	"""The rows per tier-2 unit and tier; ``from_tally=False`` reads every part from the reviews
	(the tests compare the two)."""
	parts, values = report_parts(tally.REVIEW, filters, reports.equals("campaign", "tier"))
	queries = []
	for where in parts:
		if from_tally and tally.tallied(where, REVIEWS):
			# a few rows per unit: grouped by the report's keys at once
			table, weight, where = TALLIED, "`reviews`", where.replace(f"{REVIEWS}.", f"{TALLIED}.")
			group = "`tier2_unit`, `tier`"
		else:
			table, weight, group = REVIEWS, "1", "`owner_unit`, `tier2_unit`, `tier`"
		queries.append(
			f"select `tier2_unit`, `tier`, {counts(weight)} from {table} where {where} group by {group}"
		)
	rows = reports.sum_of_parts(
		queries,
		{
			**values,
			"_pending": review.PENDING_REPORT,
			"_reviewed": review.REVIEWED,
			"_pass": review.PASS,
			"_rectify": review.RECTIFY,
			"_fail": review.FAIL,
		},
		("tier2_unit", "tier"),
		COUNTS,
	)
	if filters.only_problems:  # the 通报 list
		rows = [row for row in rows if row.overdue or row.failed]
	rows.sort(key=lambda row: (-row.overdue, -row.failed, row.tier2_unit or "", row.tier))
	for row in rows:
		row.tier_label = _(tiers.TIER_LABELS[row.tier]) if row.tier in tiers.TIER_LABELS else row.tier
	return rows
