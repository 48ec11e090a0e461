# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Change reports per tier-2 unit: on time, late, awaiting password rotation (S13, H7.2)."""

import frappe
from frappe import _

from socialmedia_governance.permissions import report_conditions


def execute(filters=None):
	filters = frappe._dict(filters or {})
	columns = [
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
	where, values = report_conditions(
		"Change Report",
		filters,
		{"from_date": "`event_date` >= %(from_date)s", "to_date": "`event_date` <= %(to_date)s"},
		base="`docstatus` < 2",
	)
	data = frappe.db.sql(
		f"""select `tier2_unit`, count(*) `total`, sum(`is_late` = 0) `on_time`, sum(`is_late` = 1) `late`,
			sum(`completion_status` = 'Awaiting Password Rotation') `awaiting_rotation`
		from `tabChange Report` where {where}
		group by `tier2_unit` order by `late` desc, `tier2_unit`""",
		values,
		as_dict=True,
	)
	return columns, data
