# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Annual review progress per unit and tier (S16, H7.3), and the 通报 list: units with overdue
or failed reviews. One GROUP BY query under the viewer's row-level conditions."""

import frappe
from frappe import _

from socialmedia_governance import reports
from socialmedia_governance.permissions import report_conditions
from socialmedia_governance.policy import tiers


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


def data(filters):
	where, values = report_conditions("Annual Review", filters, reports.equals("campaign", "tier"))
	having = "having `overdue` > 0 or `failed` > 0" if filters.only_problems else ""
	rows = frappe.db.sql(
		f"""select `tier2_unit`, `tier`, count(*) `total`,
			sum(`status` != 'Pending Report') `submitted`,
			sum(`status` = 'Reviewed') `reviewed`,
			sum(`outcome` = 'Pass') `passed`,
			sum(`outcome` = 'Rectify') `rectify`,
			sum(`outcome` = 'Fail') `failed`,
			sum(`is_overdue` = 1 and `status` = 'Pending Report') `overdue`
		from `tabAnnual Review`
		where {where}
		group by `tier2_unit`, `tier`
		{having}
		order by `overdue` desc, `failed` desc, `tier2_unit`, `tier`""",
		values,
		as_dict=True,
	)
	for row in rows:
		row.tier_label = _(tiers.TIER_LABELS[row.tier]) if row.tier in tiers.TIER_LABELS else row.tier
	return rows
