"""Working-day deadlines on the official calendar, with the admin's Calendar Exceptions (S13, H7.2)."""

from __future__ import annotations

import frappe
from frappe.utils import getdate

from socialmedia_governance.policy import workdays
from socialmedia_governance.registry.settings import get_settings


def load_exceptions() -> dict:
	rows = frappe.get_all("Calendar Exception", fields=["exception_date", "is_working_day"])
	return {getdate(r.exception_date): bool(r.is_working_day) for r in rows}


def covered_years() -> frozenset[int]:
	rows = frappe.get_all("Calendar Exception", filters={"covers_whole_year": 1}, pluck="exception_date")
	return frozenset(getdate(d).year for d in rows)


def change_deadline(event_date, n: int | None = None) -> workdays.Deadline:
	"""Due date of a change report: ``n`` working days (settings, default 3) after the change."""
	if n is None:
		n = int(get_settings().change_report_working_days or 3)
	return workdays.deadline(
		getdate(event_date), n, load_exceptions(), covered_years=covered_years(), strict=False
	)
