# Copyright (c) 2026, socialmedia_governance developers and contributors
"""May this person or unit receive an award or honour on a date? (H10.1, S18) — the desk page of
``discipline.eligibility.check``."""

import frappe
from frappe import _

from socialmedia_governance.discipline.eligibility import check


def execute(filters=None):
	filters = frappe._dict(filters or {})
	subject = filters.user or filters.unit
	if not subject:
		return columns(), [], _("Choose a person or a unit.")
	result = check(subject, filters.date)
	row = {
		"subject": subject,
		"date": result["date"],
		"eligible": _("Yes") if result["eligible"] else _("No"),
		"until": result["until"],
		"message": result["message"],
	}
	return columns(), [row], result["message"]


def columns():
	return [
		{"fieldname": "subject", "label": _("Person or Unit"), "fieldtype": "Data", "width": 220},
		{"fieldname": "date", "label": _("Date"), "fieldtype": "Date", "width": 110},
		{"fieldname": "eligible", "label": _("Eligible"), "fieldtype": "Data", "width": 90},
		{"fieldname": "until", "label": _("Barred Until"), "fieldtype": "Date", "width": 120},
		{"fieldname": "message", "label": _("Reason"), "fieldtype": "Data", "width": 420},
	]
