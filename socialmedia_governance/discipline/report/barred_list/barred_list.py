# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Everyone barred from awards and honours on a date (H10.1, S18); exportable from the report."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from socialmedia_governance import reports


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
	return reports.columns(
		("subject_type", _("Subject Type"), "Data", 110),
		("subject", _("Barred"), "Data", 220),
		("subject_name", _("Name"), "Data", 160),
		("start_date", _("From"), "Date", 110),
		("end_date", _("Until"), "Date", 110),
		("violation", _("Violation"), "Link/Violation", 140),
		("reason", _("Reason"), "Data", 300),
	)
