# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Change reports per tier-2 unit: on time, late, awaiting password rotation (S13, H7.2).

Ticking "Late Reports Only" (or following a unit's late count) lists the late reports themselves:
which account or group, which change, when it happened, when it was due and reported, and how
many days late."""

import frappe
from frappe import _

from socialmedia_governance import reports
from socialmedia_governance.permissions import report_conditions
from socialmedia_governance.policy import change_reports

CLAUSES = {
	"from_date": "`event_date` >= %(from_date)s",
	"to_date": "`event_date` <= %(to_date)s",
	**reports.equals("tier2_unit"),
}

# The summary reads one of these indexes alone (reports.add_indexes): a viewer's owner units (or
# every unit, grouped in the second's order) with the columns it counts and the date it filters;
# without them every change report of the scope was fetched from the table (the Administrator's
# 10,000 of the province: 23 ms).
COUNTED = ("is_late", "completion_status", "event_date")
INDEXES = {
	"owner_unit_timeliness": ("owner_unit", "docstatus", "tier2_unit", *COUNTED),
	"tier2_timeliness": ("tier2_unit", "docstatus", *COUNTED),
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if filters.late_only:
		return late_columns(), late_rows(filters)
	return summary_columns(), summary_rows(filters)


def summary_columns():
	return reports.columns(
		("tier2_unit", _("Tier-2 Unit"), "Link/Organization Unit", 220),
		("total", _("Change Report"), "Int", 110),
		("on_time", _("On Time"), "Int", 90),
		("late", _("Late"), "Int", 90),
		("awaiting_rotation", _("Awaiting Password Rotation"), "Int", 160),
	)


def summary_rows(filters):
	where, values = report_conditions("Change Report", filters, CLAUSES, base="`docstatus` < 2")
	return frappe.db.sql(
		f"""select `tier2_unit`, count(*) `total`, sum(`is_late` = 0) `on_time`, sum(`is_late` = 1) `late`,
			sum(`completion_status` = %(_awaiting)s) `awaiting_rotation`
		from `tabChange Report` where {where}
		group by `tier2_unit` order by `late` desc, `tier2_unit`""",
		{**values, "_awaiting": change_reports.AWAITING_ROTATION},
		as_dict=True,
	)


def late_columns():
	return reports.columns(
		("name", _("Change Report"), "Link/Change Report", 150),
		("platform_title", _("Name"), "Data", 240),
		("tier2_unit", _("Tier-2 Unit"), "Link/Organization Unit", 180),
		("change_type", _("Change"), "Data", 110),
		("event_date", _("Date of the Change"), "Date", 110),
		("due_date", _("Due On"), "Date", 100),
		("report_date", _("Reported On"), "Date", 100),
		("days_late", _("Days Late"), "Int", 90),
	)


def late_rows(filters):
	where, values = report_conditions(
		"Change Report", filters, CLAUSES, base="`docstatus` < 2 and `is_late` = 1"
	)
	rows = frappe.db.sql(
		f"""select `name`, `platform_title`, `tier2_unit`, `change_type`, `event_date`, `due_date`,
			`report_date`, datediff(`report_date`, `due_date`) `days_late`
		from `tabChange Report` where {where}
		order by `days_late` desc, `tier2_unit`, `event_date`""",
		values,
		as_dict=True,
	)
	for row in rows:
		row.change_type = _(row.change_type, context="Change Report")
	return rows
