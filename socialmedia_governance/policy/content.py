"""Content governance as pure rules: publication routes and checklists, coordinated releases,
incident handling (S7–S11, H4.4, H4.6, H4.7, H5, H8, H9).

S7, S8  only the Propaganda Department speaks for the school; major events, emergencies, social
        hot topics and sensitive issues are published on a unit's account only after the
        Propaganda Department approves, and what was published is filed.
S10     the unit's supervising leader reviews every post before it is published.
H4.7    major information needs the supervising head's review.
H4.4    charity appeals and advertising need the administrator's and the supervisor's review.
S9, H5  the prohibited content the submitter attests the text does not contain.
S11     work-related, not personal, not harming the school, accuracy checked.
H4.6    self-restraint on loans, sales, canvassing and harassment.
H8      a coordinated release goes to the accounts chosen by tier, unit and platform.
H9      improper information is handled at once, the Propaganda Department informed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from socialmedia_governance.policy import routes, tiers

MAJOR_EVENT = "Major Event"
EMERGENCY = "Emergency"
HOT_TOPIC = "Social Hot Topic"
SENSITIVE = "Sensitive Issue"
MAJOR_UNIT_INFO = "Major Unit Information"
CHARITY = "Charity Appeal"
ADVERTISING = "Advertising"
CATEGORIES = (MAJOR_EVENT, EMERGENCY, HOT_TOPIC, SENSITIVE, MAJOR_UNIT_INFO, CHARITY, ADVERTISING)

# S8: these need the Propaganda Department's approval after the supervising leader's review.
NEEDS_PROPAGANDA = frozenset({MAJOR_EVENT, EMERGENCY, HOT_TOPIC, SENSITIVE})
# H4.4: these are submitted by an administrator of the account and reviewed by the supervisor.
NEEDS_ADMINISTRATOR = frozenset({CHARITY, ADVERTISING})


def publication_route(category: str, owner_type: str) -> tuple[str, ...]:
	"""The approval steps of a publication request for an account owned by a unit of ``owner_type``.

	S10/H4.7/H4.4: the supervising leader first; S7/S8: then the Propaganda Department for the
	school-wide categories. The school's own (tier-1) accounts are run by the Propaganda
	Department: its approver decides alone.
	"""
	if category not in CATEGORIES:
		raise ValueError(f"unknown category {category!r}")
	if owner_type == tiers.SCHOOL:
		return (routes.PROPAGANDA,)
	if category in NEEDS_PROPAGANDA:
		return (routes.SUPERVISOR, routes.PROPAGANDA)
	return (routes.SUPERVISOR,)


# ---------------------------------------------------------------------------- checklists

# S9 (SCTBC 2017 第九条): ten kinds of prohibited content.
S9_ITEMS = (
	"反对宪法所确定的基本原则的",
	"危害国家安全，泄露国家秘密，颠覆国家主权的，破坏国家统一的",
	"损害国家荣誉和利益的",
	"煽动民族仇恨、民族歧视，破坏民族团结的",
	"破坏国家宗教政策，宣扬邪教和封建迷信的",
	"散布谣言，破坏社会秩序，扰乱社会稳定的",
	"散布淫秽、色情、赌博、暴力、凶杀、恐怖或者教唆犯罪的",
	"侮辱或诽谤他人，侵犯他人合法权益的",
	"涉及商业、学术或其它不宜公开的",
	"含有法律、行政法规和学校相关规定禁止的其他内容",
)
# H5 (HUFE 2018 第五条): nine kinds.
H5_ITEMS = (
	"反对宪法所确定的基本原则的",
	"危害国家安全，泄露国家秘密，颠覆国家政权，破坏国家统一的",
	"损害国家荣誉和利益的",
	"煽动民族仇恨、民族歧视，破坏民族团结的",
	"破坏国家宗教政策，宣扬邪教和封建迷信的",
	"散布谣言，扰乱社会秩序，破坏社会稳定的",
	"散布淫秽、色情、赌博、暴力、凶杀、恐怖或者教唆犯罪的",
	"侮辱或者诽谤他人，侵害他人合法权益的",
	"含有法律、行政法规禁止的其他内容的",
)
# S11: the points every post is checked against (attested by the submitter).
S11_ITEMS = (
	"内容与本单位工作相关，不是纯属个人的信息",
	"不含有损学校声誉的信息",
	"发布前已确认信息的准确性",
)
# H4.6: self-restraint.
H4_6_ITEMS = ("不含借钱、推销、拉票、骚扰信息",)

PROHIBITED_PREFIX = "不含以下内容："


def checklist(preset: str) -> list[dict[str, str]]:
	"""The attestation checklist of a preset: the regulation's prohibited content, then S11 (and
	H4.6 for HUFE 2018), as ``{"clause", "item"}`` rows (Governance Settings fills its table)."""
	if preset == "SCTBC 2017":
		rows = [(f"S9({i})", PROHIBITED_PREFIX + text) for i, text in enumerate(S9_ITEMS, 1)]
	elif preset == "HUFE 2018":
		rows = [(f"H5({i})", PROHIBITED_PREFIX + text) for i, text in enumerate(H5_ITEMS, 1)]
		rows += [("H4.6", text) for text in H4_6_ITEMS]
	else:
		raise KeyError(preset)
	rows += [("S11", text) for text in S11_ITEMS]
	return [{"clause": clause, "item": item} for clause, item in rows]


def unconfirmed(items: Iterable[tuple[str, bool]]) -> list[str]:
	"""The clauses of the checklist rows ``(clause, confirmed)`` that are not ticked."""
	return [clause for clause, confirmed in items if not confirmed]


# ---------------------------------------------------------------------------- screening (H5)


def resolve_hit(
	asked: tuple[bool, str] | None, stored: tuple[bool, str, str | None] | None, user: str
) -> tuple[bool, str, str | None, bool]:
	"""H5: one sensitive-word hit's resolution after a save, as ``(resolved, note, resolved_by,
	changed)``.

	``asked`` is what the form sends for the hit, ``(resolved, note)``, or None when it sends
	nothing (the text was edited: resolutions start afresh); ``stored`` is the hit's resolution as
	saved before, ``(resolved, note, resolved_by)``, or None. Without a request the stored one
	stands. A resolution ticked, unticked or re-worded is ``changed`` and recorded as ``user``'s
	(the caller lets only the current step's approver change one); an unresolved hit keeps no
	note and no name.
	"""
	was_resolved, old_note, resolved_by = stored if stored else (False, "", None)
	resolved, note = (asked[0], asked[1] or "") if asked else (was_resolved, old_note or "")
	changed = resolved != was_resolved or (resolved and note != (old_note or ""))
	if changed:
		resolved_by = user if resolved else None
	if not resolved:
		return False, "", None, changed
	return True, note, resolved_by, changed


# ---------------------------------------------------------------------------- releases


@dataclass(frozen=True)
class ReleaseTarget:
	"""Which accounts a coordinated release goes to (H8): all criteria must match; an empty
	criterion matches everything."""

	tiers: frozenset[int]
	units: frozenset[str] = frozenset()
	platforms: frozenset[str] = frozenset()

	def matches(self, tier: int | None, unit_path: Iterable[str], platform: str) -> bool:
		"""``unit_path``: the account's owner unit and (when sub-units count) its ancestors."""
		if self.tiers and tier not in self.tiers:
			return False
		if self.units and not (self.units & set(unit_path)):
			return False
		if self.platforms and platform not in self.platforms:
			return False
		return True


# a Release Task's status (its Select options, in order)
TASK_PENDING = "Pending"
TASK_PUBLISHED = "Published"
TASK_PUBLISHED_LATE = "Published Late"
TASK_OVERDUE = "Overdue"
TASK_STATUSES = (TASK_PENDING, TASK_PUBLISHED, TASK_PUBLISHED_LATE, TASK_OVERDUE)
TASK_OPEN = (TASK_PENDING, TASK_OVERDUE)  # not confirmed: the stragglers
TASK_DONE = (TASK_PUBLISHED, TASK_PUBLISHED_LATE)


def task_status(deadline: datetime, published_at: datetime | None, now: datetime) -> str:
	"""Pending / Overdue until confirmed; Published / Published Late after (H8 stragglers)."""
	if published_at is None:
		return TASK_OVERDUE if now > deadline else TASK_PENDING
	return TASK_PUBLISHED_LATE if published_at > deadline else TASK_PUBLISHED


def completion_rate(published: int, targeted: int) -> float:
	"""Percentage of targeted accounts that confirmed publication (0 when none targeted)."""
	if targeted <= 0:
		return 0.0
	return round(100.0 * published / targeted, 1)


# ---------------------------------------------------------------------------- incidents

DEFAULT_INCIDENT_HOURS = 24
INCIDENT_OPEN = "Open"  # an incident's status until it is marked handled


def handle_by(found_on: datetime, hours: int | None) -> datetime:
	"""When an incident found at ``found_on`` must be handled (H9: at once; the school sets hours)."""
	return found_on + timedelta(hours=hours if hours and hours > 0 else DEFAULT_INCIDENT_HOURS)


def incident_overdue(
	found_on: datetime, handled_on: datetime | None, now: datetime, hours: int | None
) -> bool:
	"""H9: handled later than the deadline, or still open past it (content.jobs.overdue selects the
	open ones in SQL; a site test ties the two)."""
	deadline = handle_by(found_on, hours)
	return (handled_on or now) > deadline


def incident_time_errors(
	found_on: datetime, handled_on: datetime | None, now: datetime, slack: timedelta = timedelta(minutes=5)
) -> list[str]:
	"""What is wrong with an incident's timestamps (empty when nothing): codes for messages."""
	errors = []
	if found_on > now + slack:
		errors.append("found_in_future")
	if handled_on is not None:
		if handled_on < found_on:
			errors.append("handled_before_found")
		if handled_on > now + slack:
			errors.append("handled_in_future")
	return errors
