"""Approval routes of an opening application (S4, H7.1, H4.1, S15).

Pure rules: which steps an application goes through, decided at run time from the owner of the
account or group and the settings. The Frappe side resolves each step to people from the
organisation tree (``registry.people``).

S4   unit accounts: unit head signs, then filed with the Propaganda Department; student
     organisations and clubs: Youth League Committee approves, then Propaganda files.
H7.1 units: approval and filing forms to the Propaganda Department before operating.
H4.1 class groups are reported to the counsellor; staff groups to their unit head; groups of
     ``threshold`` or more members, and anything named after the school, are also filed with
     the Propaganda Department.
"""

from __future__ import annotations

from socialmedia_governance.policy import groups, tiers

SUPERVISOR = "Supervisor"
YOUTH_LEAGUE = "Youth League"
PROPAGANDA = "Propaganda"
APPROVED = "Approved"
REJECTED = "Rejected"
STEPS = (SUPERVISOR, YOUTH_LEAGUE, PROPAGANDA)


def route(
	*,
	owner_type: str,
	is_group: bool,
	member_count: int | None = 0,
	uses_school_name: bool = False,
	threshold: int = 50,
	student_via_youth_league: bool = True,
) -> tuple[str, ...]:
	"""The ordered approval steps for a platform owned by a unit of ``owner_type``."""
	if owner_type == tiers.SCHOOL:
		return (PROPAGANDA,)  # tier 1: the Propaganda Department runs and files its own platforms
	steps = [SUPERVISOR]
	if owner_type in tiers.STUDENT_TYPES and student_via_youth_league:
		steps.append(YOUTH_LEAGUE)
	if not is_group or groups.filing_required(member_count, threshold, uses_school_name):
		steps.append(PROPAGANDA)
	return tuple(steps)


def next_step(steps: tuple[str, ...], current: str | None) -> str:
	"""The step after ``current`` (the first step for None), or APPROVED after the last one."""
	if current is None:
		return steps[0] if steps else APPROVED
	if current not in steps:
		raise ValueError(f"{current} is not a step of {steps}")
	index = steps.index(current)
	return steps[index + 1] if index + 1 < len(steps) else APPROVED


def may_approve(user: str, approvers: list[str] | tuple[str, ...], applicant: str | None) -> bool:
	"""Only a resolved approver of the current step may act, and never on their own application."""
	return bool(user) and user in approvers and user != applicant
