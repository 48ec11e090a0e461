"""Discipline as pure rules: penalty escalation, award bans and eligibility (H10.1–H10.3, S18).

H10.2  members: first violation a warning, second a serious warning, serious cases removal —
       counted per person on the same platform; the officer may decide otherwise with a reason.
H10.1  poor management with bad impact (S18): the owner / administrators, the supervisor, the
       class or club and the unit may not receive awards or honours for one year (settings).
H10.3  illegal acts are handed to the judicial authorities.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

WARNING = "Warning"
SERIOUS_WARNING = "Serious Warning"
REMOVAL = "Removal"
NO_PENALTY = "No Penalty"
LADDER = (WARNING, SERIOUS_WARNING, REMOVAL)


def propose(prior_penalties: int, serious: bool = False) -> str:
	"""The next penalty for a member with ``prior_penalties`` on this platform (H10.2)."""
	if serious:
		return REMOVAL
	return LADDER[min(max(prior_penalties, 0), len(LADDER) - 1)]


def needs_reason(proposed: str, decided: str | None) -> bool:
	"""Deciding anything other than the proposal needs a recorded reason."""
	return bool(decided) and decided != proposed


def add_months(start: date, months: int) -> date:
	month = start.month - 1 + months
	year, month = start.year + month // 12, month % 12 + 1
	return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def ban_period(start: date, months: int) -> tuple[date, date]:
	"""A ban of ``months`` from ``start``: its first and last day (12 months → one year)."""
	if months <= 0:
		raise ValueError("a ban lasts at least one month")
	return start, add_months(start, months) - timedelta(days=1)


@dataclass(frozen=True)
class Ban:
	subject: str
	start: date
	end: date
	reason: str = ""
	reference: str = ""


def active_bans(bans: Iterable[Ban], subject: str, on: date) -> list[Ban]:
	"""The bans on ``subject`` in force on ``on`` (first and last day included)."""
	return sorted((b for b in bans if b.subject == subject and b.start <= on <= b.end), key=lambda b: b.end)


def eligible(bans: Iterable[Ban], subject: str, on: date) -> tuple[bool, date | None]:
	"""May ``subject`` receive an award or honour on ``on``? And when does the last ban end."""
	active = active_bans(bans, subject, on)
	return (not active, active[-1].end if active else None)
