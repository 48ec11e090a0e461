"""Hourly content jobs, set-based: stragglers of coordinated releases and incidents not handled
in time are flagged (H8, H9)."""

from __future__ import annotations

import frappe
from frappe.utils import now_datetime


def hourly() -> None:
	mark_overdue()


def mark_overdue() -> None:
	now = now_datetime()
	frappe.db.sql(
		"update `tabRelease Task` set `status` = 'Overdue' where `status` = 'Pending' and `deadline` < %s",
		now,
	)
	frappe.db.sql(
		"update `tabIncident` set `is_overdue` = 1 where `status` = 'Open' and `is_overdue` = 0 and `handle_by` < %s",
		now,
	)
