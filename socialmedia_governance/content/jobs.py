"""Hourly content jobs, set-based: stragglers of coordinated releases and incidents not handled
in time are flagged (H8, H9)."""

from __future__ import annotations

import frappe
from frappe.utils import now_datetime

from socialmedia_governance.policy import content


def hourly() -> None:
	mark_overdue()


def overdue(incident, now):
	"""H9 in SQL: the open incidents past their handling deadline (``incident``: a frappe.qb table
	of Incident) — ``policy.content.incident_overdue`` for open incidents, set-based."""
	return (incident.status == content.INCIDENT_OPEN) & (incident.handle_by < now)


def mark_overdue() -> None:
	now = now_datetime()
	frappe.db.sql(
		"update `tabRelease Task` set `status` = %(overdue)s where `status` = %(pending)s and `deadline` < %(now)s",
		{"overdue": content.TASK_OVERDUE, "pending": content.TASK_PENDING, "now": now},
	)
	incident = frappe.qb.DocType("Incident")
	(
		frappe.qb.update(incident)
		.set(incident.is_overdue, 1)
		.where(overdue(incident, now) & (incident.is_overdue == 0))
		.run()
	)
