# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Coordinated release progress per unit (H8): targeted, published, late, pending, overdue and the
completion rate. One GROUP BY query under the viewer's row-level conditions."""

import frappe
from frappe import _

from socialmedia_governance.permissions import report_conditions
from socialmedia_governance.policy import content


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), data(filters)


def columns():
	return [
		{
			"fieldname": "owner_unit",
			"label": _("Unit"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 220,
		},
		{"fieldname": "targeted", "label": _("Targeted Accounts"), "fieldtype": "Int", "width": 120},
		{"fieldname": "published", "label": _("Published"), "fieldtype": "Int", "width": 100},
		{"fieldname": "late", "label": _("Published Late"), "fieldtype": "Int", "width": 110},
		{"fieldname": "pending", "label": _("Not Yet Published"), "fieldtype": "Int", "width": 110},
		{"fieldname": "overdue", "label": _("Overdue"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "completion_rate",
			"label": _("Completion Rate"),
			"fieldtype": "Percent",
			"width": 120,
			"disable_total": 1,  # a mean of the units' rates would not be the release's rate
		},
	]


def data(filters):
	where, values = report_conditions("Release Task", filters, {"release": "`release` = %(release)s"})
	having = "having `pending` + `overdue` > 0" if filters.only_stragglers else ""
	rows = frappe.db.sql(
		f"""select `owner_unit`, count(*) `targeted`,
			sum(`status` in ('Published', 'Published Late')) `published`,
			sum(`status` = 'Published Late') `late`,
			sum(`status` = 'Pending') `pending`,
			sum(`status` = 'Overdue') `overdue`
		from `tabRelease Task`
		where {where}
		group by `owner_unit`
		{having}
		order by `owner_unit`""",
		values,
		as_dict=True,
	)
	for row in rows:
		row.completion_rate = content.completion_rate(int(row.published or 0), row.targeted)
	return rows
