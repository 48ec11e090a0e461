# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Change reports per tier-2 unit: on time, late, awaiting password rotation (S13, H7.2).

Ticking "Late Reports Only" (or following a unit's late count) lists the late reports themselves:
which account or group, which change, when it happened, when it was due and reported, and how
many days late."""

import frappe
from frappe import _

from socialmedia_governance.permissions import report_conditions

CLAUSES = {
	"from_date": "`event_date` >= %(from_date)s",
	"to_date": "`event_date` <= %(to_date)s",
	"tier2_unit": "`tier2_unit` = %(tier2_unit)s",
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if filters.late_only:
		return late_columns(), late_rows(filters)
	return summary_columns(), summary_rows(filters)


def summary_columns():
	return [
		{
			"fieldname": "tier2_unit",
			"label": _("Tier-2 Unit"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 220,
		},
		{"fieldname": "total", "label": _("Change Report"), "fieldtype": "Int", "width": 110},
		{"fieldname": "on_time", "label": _("On Time"), "fieldtype": "Int", "width": 90},
		{"fieldname": "late", "label": _("Late"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "awaiting_rotation",
			"label": _("Awaiting Password Rotation"),
			"fieldtype": "Int",
			"width": 160,
		},
	]


def summary_rows(filters):
	where, values = report_conditions("Change Report", filters, CLAUSES, base="`docstatus` < 2")
	return frappe.db.sql(
		f"""select `tier2_unit`, count(*) `total`, sum(`is_late` = 0) `on_time`, sum(`is_late` = 1) `late`,
			sum(`completion_status` = 'Awaiting Password Rotation') `awaiting_rotation`
		from `tabChange Report` where {where}
		group by `tier2_unit` order by `late` desc, `tier2_unit`""",
		values,
		as_dict=True,
	)


def late_columns():
	return [
		{
			"fieldname": "name",
			"label": _("Change Report"),
			"fieldtype": "Link",
			"options": "Change Report",
			"width": 150,
		},
		{"fieldname": "platform_title", "label": _("Name"), "fieldtype": "Data", "width": 240},
		{
			"fieldname": "tier2_unit",
			"label": _("Tier-2 Unit"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 180,
		},
		{"fieldname": "change_type", "label": _("Change"), "fieldtype": "Data", "width": 110},
		{"fieldname": "event_date", "label": _("Date of the Change"), "fieldtype": "Date", "width": 110},
		{"fieldname": "due_date", "label": _("Due On"), "fieldtype": "Date", "width": 100},
		{"fieldname": "report_date", "label": _("Reported On"), "fieldtype": "Date", "width": 100},
		{"fieldname": "days_late", "label": _("Days Late"), "fieldtype": "Int", "width": 90},
	]


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
