# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Everyone barred from awards and honours on a date (H10.1, S18); exportable from the report."""

import frappe
from frappe import _
from frappe.utils import getdate, today


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not frappe.has_permission("Award Ban", "read"):
		raise frappe.PermissionError
	on = getdate(filters.date or today())
	conditions = {"start_date": ("<=", on), "end_date": (">=", on)}
	if filters.subject_type:
		conditions["subject_type"] = filters.subject_type
	rows = frappe.get_list(
		"Award Ban",
		filters=conditions,
		fields=["subject_type", "subject", "subject_name", "start_date", "end_date", "violation", "reason"],
		order_by="subject_type, subject_name",
		limit_page_length=0,
	)
	for row in rows:
		row.subject_type = _(row.subject_type)
	return columns(), rows


def columns():
	return [
		{"fieldname": "subject_type", "label": _("Subject Type"), "fieldtype": "Data", "width": 110},
		{"fieldname": "subject", "label": _("Barred"), "fieldtype": "Data", "width": 220},
		{"fieldname": "subject_name", "label": _("Name"), "fieldtype": "Data", "width": 160},
		{"fieldname": "start_date", "label": _("From"), "fieldtype": "Date", "width": 110},
		{"fieldname": "end_date", "label": _("Until"), "fieldtype": "Date", "width": 110},
		{
			"fieldname": "violation",
			"label": _("Violation"),
			"fieldtype": "Link",
			"options": "Violation",
			"width": 140,
		},
		{"fieldname": "reason", "label": _("Reason"), "fieldtype": "Data", "width": 300},
	]
