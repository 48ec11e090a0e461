"""Chat-group rules (H4.1, H4.3)."""

from __future__ import annotations


def filing_required(member_count: int | None, threshold: int, uses_school_name: bool) -> bool:
	"""H4.1: a group of ``threshold`` or more members, or one named after the school, is filed
	with the Propaganda Department by its administrator."""
	return bool(uses_school_name) or (threshold > 0 and (member_count or 0) >= threshold)


def filing_overdue(member_count: int | None, threshold: int, uses_school_name: bool, filed: bool) -> bool:
	"""Filing is overdue from the moment it is required until it is done."""
	return filing_required(member_count, threshold, uses_school_name) and not filed


def supervisor_membership_unmet(supervisor: str | None, supervisor_is_member) -> bool:
	"""H4.1: a class group's counsellor (a staff group's unit head) — the group's supervisor — must be
	a member of it. Unmet while the group has a supervisor not recorded as a member; until then no
	step of its opening may be approved."""
	return bool(supervisor) and not supervisor_is_member


def member_count_problem(member_count) -> str | None:
	if member_count is None:
		return None
	try:
		count = int(member_count)
	except (TypeError, ValueError):
		return "not_a_number"
	if count < 0:
		return "negative"
	if count > 10_000_000:
		return "too_large"
	return None
