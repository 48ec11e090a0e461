# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Annual review progress per unit and tier (S16, H7.3), and the 通报 list: units with overdue
or failed reviews. A GROUP BY per part of the viewer's row rule, added up per unit and tier."""

import frappe
from frappe import _

from socialmedia_governance import reports
from socialmedia_governance.permissions import report_parts
from socialmedia_governance.policy import review, tiers


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
# Each part of a viewer's row rule is read from one of these indexes alone (install.add_indexes):
# the owner unit's part, and the reviewer's (which excludes the owner units). The query groups
# in the unit index's order, so no part needs a temporary table.
INDEX_COLUMNS = ("tier2_unit", "tier", "status", "outcome", "is_overdue")
INDEXES = {
	"owner_unit_progress": ("owner_unit", *INDEX_COLUMNS, "campaign"),
	"reviewer_progress": ("reviewer", "owner_unit", *INDEX_COLUMNS),
}


def data(filters):
	parts, values = report_parts("Annual Review", filters, reports.equals("campaign", "tier"))
	rows = reports.sum_of_parts(
		"""select `tier2_unit`, `tier`, count(*) `total`,
			sum(`status` != %(_pending)s) `submitted`,
			sum(`status` = %(_reviewed)s) `reviewed`,
			sum(`outcome` = %(_pass)s) `passed`,
			sum(`outcome` = %(_rectify)s) `rectify`,
			sum(`outcome` = %(_fail)s) `failed`,
			sum(`is_overdue` = 1 and `status` = %(_pending)s) `overdue`
		from `tabAnnual Review`
		where {where}
		group by `owner_unit`, `tier2_unit`, `tier`""",
		parts,
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
