# Copyright (c) 2026, socialmedia_governance developers and contributors
"""May this person or unit receive an award or honour on a date? (H10.1, S18) — the desk page of
``discipline.eligibility.check``."""

import frappe
from frappe import _

from socialmedia_governance import reports
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
	return reports.columns(
		("subject", _("Person or Unit"), "Data", 220),
		("date", _("Date"), "Date", 110),
		("eligible", _("Eligible"), "Data", 90),
		("until", _("Barred Until"), "Date", 120),
		("message", _("Reason"), "Data", 420),
	)
