"""Annual review rules (S16, H7.3): when the campaign runs, who reviews what, what outcomes do.

S16  every official platform files an annual inspection report with the Propaganda Department;
     a platform that fails may be ordered to close.
H7.3 the Propaganda Department reviews tier 1 and tier 2 every December; departments review
     their own tier-3 sub-units; a platform that fails may not go on running.
"""

from __future__ import annotations

import calendar
import datetime as dt

from socialmedia_governance.policy import platforms

PROPAGANDA = "Propaganda Department"
TIER2_HEAD = "Tier-2 Unit Head"

# A review's status while the administrators' report is missing, once they submitted it, and
# once the reviewer recorded the outcome.
PENDING_REPORT = "Pending Report"
SUBMITTED = "Submitted"
REVIEWED = "Reviewed"
STATUSES = (PENDING_REPORT, SUBMITTED, REVIEWED)

# H7.3: the tiers the Propaganda Department reviews itself.
PROPAGANDA_TIERS = (1, 2)

PASS = "Pass"
RECTIFY = "Rectify"
FAIL = "Fail"
OUTCOMES = (PASS, RECTIFY, FAIL)

# platform status after each outcome ("" = unchanged)
STATUS_AFTER = {PASS: platforms.ACTIVE, RECTIFY: "", FAIL: platforms.SUSPENDED}


def window(
	year: int, open_month: int, open_day: int, due_month: int, due_day: int
) -> tuple[dt.date, dt.date]:
	"""The campaign's open and due dates for ``year`` (days past a month's end are clamped)."""

	def day(month: int, d: int) -> dt.date:
		return dt.date(year, month, min(d, calendar.monthrange(year, month)[1]))

	opens, due = day(open_month, open_day), day(due_month, due_day)
	if due < opens:
		raise ValueError("due before open")
	return opens, due


def reviewer_kind(tier: int, tier3_reviewer: str = TIER2_HEAD) -> str:
	"""H7.3: tiers 1–2 by the Propaganda Department; tier 3 by the head of its tier-2 unit
	(or by the Propaganda Department where the school's rules say so, as S16 does)."""
	if tier in PROPAGANDA_TIERS:
		return PROPAGANDA
	return TIER2_HEAD if tier3_reviewer == TIER2_HEAD else PROPAGANDA


def outcome_problems(outcome: str | None, rectify_deadline: dt.date | None, today: dt.date) -> list[str]:
	problems = []
	if outcome not in OUTCOMES:
		problems.append("unknown_outcome")
	if outcome == RECTIFY:
		if not rectify_deadline:
			problems.append("rectify_needs_deadline")
		elif rectify_deadline <= today:
			problems.append("rectify_deadline_past")
	return problems


def is_overdue(submitted: bool, due: dt.date | None, today: dt.date) -> bool:
	"""H7.3: the report is missing after its due date (review.campaign.overdue selects the same
	rows in SQL; a site test ties the two)."""
	return bool(due) and not submitted and today > due
