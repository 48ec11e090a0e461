"""Tier and supervisor derivation (H3, S12, H4.1).

Pure rules: no ``frappe`` import. A DocType controller hands in the owning organisation unit
and its ancestors; this module says which tier the account or group belongs to, who
supervises it, who is its first responsible person, and *why* (which tree node).

H3  tier 1: the school's own official accounts, run by the Propaganda Department;
    tier 2: accounts of departments, offices and secondary colleges, supervised by the
            unit's party/administrative heads;
    tier 3: accounts of their sub-units (internal offices, classes, student organisations,
            clubs) and work groups: classes by the counsellor, clubs by the advisor, work
            groups by the head of the group owner's tier-2 unit, the rest by their own head.
S12 the host unit's head is the first responsible person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Unit types, as stored in Organization Unit.unit_type (English source, translated in the UI).
SCHOOL = "School"
DEPARTMENT = "Department"
OFFICE = "Office"
SECONDARY_COLLEGE = "Secondary College"
INTERNAL_OFFICE = "Internal Office"
CLASS = "Class"
STUDENT_ORGANISATION = "Student Organisation"
CLUB = "Club"
WORK_GROUP = "Work Group"

# How a tier is named where people read it (translated: "Tier 1" → 一级).
TIER_LABELS = {1: "Tier 1", 2: "Tier 2", 3: "Tier 3"}

TIER_2_TYPES = frozenset({DEPARTMENT, OFFICE, SECONDARY_COLLEGE})
TIER_3_TYPES = frozenset({INTERNAL_OFFICE, CLASS, STUDENT_ORGANISATION, CLUB, WORK_GROUP})
# Units run by students: advised by a teacher (H3), seen by the Youth League (S15), routed through
# it (H4.3) — and, with classes, whose student administrators graduate and hand over.
STUDENT_TYPES = frozenset({STUDENT_ORGANISATION, CLUB})
STUDENT_RUN_TYPES = frozenset({CLASS, *STUDENT_TYPES})
UNIT_TYPES = (
	SCHOOL,
	DEPARTMENT,
	OFFICE,
	SECONDARY_COLLEGE,
	INTERNAL_OFFICE,
	CLASS,
	STUDENT_ORGANISATION,
	CLUB,
	WORK_GROUP,
)

# Which person-field each unit type must fill in (the "head" of a node, H3).
REQUIRED_PERSON = {
	SCHOOL: "head",
	DEPARTMENT: "head",
	OFFICE: "head",
	SECONDARY_COLLEGE: "head",
	INTERNAL_OFFICE: "head",
	CLASS: "counsellor",
	STUDENT_ORGANISATION: "advisor",
	CLUB: "advisor",
	WORK_GROUP: None,  # supervised by the head of the owner's tier-2 unit
}

# Which parent types a unit type may hang under.
ALLOWED_PARENTS = {
	SCHOOL: frozenset(),
	DEPARTMENT: frozenset({SCHOOL}),
	OFFICE: frozenset({SCHOOL}),
	SECONDARY_COLLEGE: frozenset({SCHOOL}),
	INTERNAL_OFFICE: TIER_2_TYPES,
	CLASS: TIER_2_TYPES | {INTERNAL_OFFICE},
	STUDENT_ORGANISATION: TIER_2_TYPES | {INTERNAL_OFFICE},
	CLUB: TIER_2_TYPES | {INTERNAL_OFFICE, STUDENT_ORGANISATION},
	WORK_GROUP: TIER_2_TYPES | {INTERNAL_OFFICE},
}

# The unit types that may have units below them (tree nodes that are groups).
GROUP_TYPES = frozenset().union(*ALLOWED_PARENTS.values())

# Why a supervisor was chosen. Codes are stable; the UI translates the English text.
BASIS_SCHOOL = "school"
BASIS_UNIT_HEAD = "unit_head"
BASIS_COUNSELLOR = "counsellor"
BASIS_ADVISOR = "advisor"
BASIS_OWN_HEAD = "own_head"
BASIS_TIER2_HEAD = "tier2_head"

BASIS_TEXT = {
	BASIS_SCHOOL: "School official platform run by the Propaganda Department ({unit})",
	BASIS_UNIT_HEAD: "Head of the owning unit ({unit})",
	BASIS_COUNSELLOR: "Counsellor of the class ({unit})",
	BASIS_ADVISOR: "Advisor of the student organisation or club ({unit})",
	BASIS_OWN_HEAD: "Head of the owning sub-unit ({unit})",
	BASIS_TIER2_HEAD: "Head of the tier-2 unit of the group owner ({unit})",
}


class TreeError(ValueError):
	"""The organisation tree does not allow a derivation; ``code`` says why."""

	def __init__(self, code: str, unit: str = "", detail: str = ""):
		super().__init__(f"{code}: {unit} {detail}".strip())
		self.code = code
		self.unit = unit
		self.detail = detail


@dataclass(frozen=True)
class Unit:
	name: str
	unit_type: str
	head: str | None = None
	secretary: str | None = None
	counsellor: str | None = None
	advisor: str | None = None
	parent: str | None = None
	title: str | None = None

	@property
	def label(self) -> str:
		return self.title or self.name


@dataclass(frozen=True)
class Supervision:
	tier: int
	supervisor: str | None
	supervisor_unit: str
	basis: str
	responsible_person: str | None
	responsible_unit: str
	tier2_unit: str | None
	extra_supervisors: tuple[str, ...] = field(default_factory=tuple)

	def basis_text(self, units: dict[str, Unit] | None = None) -> str:
		unit = self.supervisor_unit
		if units and unit in units:
			unit = units[unit].label
		return BASIS_TEXT[self.basis].format(unit=unit)


def tier_of_type(unit_type: str) -> int:
	if unit_type == SCHOOL:
		return 1
	if unit_type in TIER_2_TYPES:
		return 2
	if unit_type in TIER_3_TYPES:
		return 3
	raise TreeError("unknown_type", detail=unit_type)


def validate_unit(unit: Unit, parent: Unit | None) -> list[str]:
	"""Problems with one node of the tree, as stable codes (empty list: fine)."""
	problems = []
	if unit.unit_type not in UNIT_TYPES:
		return ["unknown_type"]
	required = REQUIRED_PERSON[unit.unit_type]
	if required and not getattr(unit, required):
		problems.append(f"missing_{required}")
	if unit.unit_type == SCHOOL:
		if parent is not None:
			problems.append("school_not_root")
	elif parent is None:
		problems.append("missing_parent")
	elif parent.unit_type not in ALLOWED_PARENTS[unit.unit_type]:
		problems.append("parent_type_not_allowed")
	return problems


def tier2_secretaries(owner: Unit) -> tuple[str, ...]:
	"""H3: a tier-2 unit's party secretary supervises beside its head (and approves its openings'
	supervisor step with them); nobody else for other units."""
	if tier_of_type(owner.unit_type) != 2 or not owner.secretary or owner.secretary == owner.head:
		return ()
	return (owner.secretary,)


def derive(owner: Unit, ancestors: list[Unit], propaganda_unit: Unit | None = None) -> Supervision:
	"""Derive tier, supervisor and first responsible person for something owned by ``owner``.

	``ancestors`` are the owner's ancestors, nearest first (parent, grandparent, …, school).
	``propaganda_unit`` is the Propaganda Department's node, which runs tier-1 platforms.
	"""
	tier = tier_of_type(owner.unit_type)
	chain = [owner, *ancestors]
	tier2 = next((u for u in chain if u.unit_type in TIER_2_TYPES), None)

	if tier == 1:
		runner = propaganda_unit or owner
		supervisor = runner.head or owner.head
		if not supervisor:
			raise TreeError("no_supervisor", runner.name)
		return Supervision(
			tier=1,
			supervisor=supervisor,
			supervisor_unit=runner.name,
			basis=BASIS_SCHOOL,
			responsible_person=supervisor,
			responsible_unit=runner.name,
			tier2_unit=propaganda_unit.name if propaganda_unit else None,
		)

	if tier == 2:
		if not owner.head:
			raise TreeError("no_supervisor", owner.name)
		return Supervision(
			tier=2,
			supervisor=owner.head,
			supervisor_unit=owner.name,
			basis=BASIS_UNIT_HEAD,
			responsible_person=owner.head,
			responsible_unit=owner.name,
			tier2_unit=owner.name,
			extra_supervisors=tier2_secretaries(owner),
		)

	# tier 3
	if owner.unit_type == CLASS:
		supervisor, basis, sup_unit = owner.counsellor, BASIS_COUNSELLOR, owner
	elif owner.unit_type in STUDENT_TYPES:
		supervisor, basis, sup_unit = owner.advisor, BASIS_ADVISOR, owner
	elif owner.unit_type == WORK_GROUP or not owner.head:
		supervisor = tier2.head if tier2 else None
		basis, sup_unit = BASIS_TIER2_HEAD, tier2 or owner
	else:
		supervisor, basis, sup_unit = owner.head, BASIS_OWN_HEAD, owner
	if not supervisor:
		raise TreeError("no_supervisor", sup_unit.name)

	# S12: the host unit's head is the first responsible person; a class or club has none of
	# its own, so the nearest ancestor with a head (normally the college) answers for it.
	host = next((u for u in chain if u.head), None)
	return Supervision(
		tier=3,
		supervisor=supervisor,
		supervisor_unit=sup_unit.name,
		basis=basis,
		responsible_person=host.head if host else None,
		responsible_unit=host.name if host else owner.name,
		tier2_unit=tier2.name if tier2 else None,
	)
