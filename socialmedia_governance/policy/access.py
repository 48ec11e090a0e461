"""Who sees which rows (row-level access by tier), as pure rules.

The Frappe side (``socialmedia_governance.permissions``) turns these scopes into SQL for
``permission_query_conditions`` and into checks for ``has_permission``.
"""

from __future__ import annotations

from socialmedia_governance.policy import tiers

PROPAGANDA_MANAGER = "Propaganda Manager"
YOUTH_LEAGUE_MANAGER = "Youth League Manager"
UNIT_HEAD = "Unit Head"
COUNSELLOR = "Counsellor"
CLUB_ADVISOR = "Club Advisor"
ACCOUNT_ADMINISTRATOR = "Account Administrator"
GROUP_OWNER = "Group Owner"
GOVERNANCE_AUDITOR = "Governance Auditor"

GOVERNANCE_ROLES = (
	PROPAGANDA_MANAGER,
	YOUTH_LEAGUE_MANAGER,
	UNIT_HEAD,
	COUNSELLOR,
	CLUB_ADVISOR,
	ACCOUNT_ADMINISTRATOR,
	GROUP_OWNER,
	GOVERNANCE_AUDITOR,
)

# Roles that see every row (the auditor only reads: its DocPerms grant no write).
UNRESTRICTED_ROLES = frozenset({"Administrator", "System Manager", PROPAGANDA_MANAGER, GOVERNANCE_AUDITOR})

# Scope kinds
SCOPE_HEAD = "head"  # subtrees of the units the user heads (head or party secretary)
SCOPE_COUNSELLOR = "counsellor"  # subtrees of the classes the user counsels
SCOPE_ADVISOR = "advisor"  # subtrees of the clubs / student organisations the user advises
SCOPE_YOUTH_LEAGUE = "youth_league"  # student organisations and clubs anywhere (S15)
SCOPE_ADMINISTRATOR = "administrator"  # platforms where the user is listed as administrator
SCOPE_GROUP_OWNER = "group_owner"  # groups the user owns

SCOPES_BY_ROLE = {
	YOUTH_LEAGUE_MANAGER: (SCOPE_YOUTH_LEAGUE,),
	UNIT_HEAD: (SCOPE_HEAD,),
	COUNSELLOR: (SCOPE_COUNSELLOR,),
	CLUB_ADVISOR: (SCOPE_ADVISOR,),
	ACCOUNT_ADMINISTRATOR: (SCOPE_ADMINISTRATOR,),
	GROUP_OWNER: (SCOPE_GROUP_OWNER, SCOPE_ADMINISTRATOR),
}


def scopes_for(roles) -> frozenset[str] | None:
	"""The scopes that a user with ``roles`` may see, or ``None`` for everything.

	A user's visible rows are the union over the scopes of all roles held; a user with no
	governance role gets an empty set (sees nothing).
	"""
	roles = set(roles or ())
	if roles & UNRESTRICTED_ROLES:
		return None
	scopes: set[str] = set()
	for role in roles:
		scopes.update(SCOPES_BY_ROLE.get(role, ()))
	return frozenset(scopes)


def in_ranges(lft: int | None, ranges) -> bool:
	"""Whether a nested-set node at ``lft`` lies inside one of the ``(lft, rgt)`` ranges."""
	if lft is None:
		return False
	return any(lo <= lft <= hi for lo, hi in ranges)


def merge_ranges(ranges) -> list[tuple[int, int]]:
	"""Nested-set ranges ``(lft, rgt)`` sorted, with ranges inside, overlapping or next to another
	merged: ``[(5, 8), (1, 10), (12, 14), (15, 20)]`` → ``[(1, 10), (12, 20)]``. Next to: lft and
	rgt are distinct integers of one numbering, so no node's lft lies between 14 and 15 — the
	merged range holds exactly the nodes of the two (sibling clubs make one range, not five)."""
	out: list[tuple[int, int]] = []
	for lo, hi in sorted((int(lo), int(hi)) for lo, hi in ranges):
		if out and lo <= out[-1][1] + 1:
			out[-1] = (out[-1][0], max(out[-1][1], hi))
		else:
			out.append((lo, hi))
	return out


# Denormalised scope columns of the big registers (kept by the tree code, read by row-level
# access through composite indexes with ``modified``): the tier-2 unit above the owner unit, and
# whether the owner unit lies inside a student organisation or club (S15).
SCOPE_TIER2 = "scope_tier2"
SCOPE_STUDENT = "scope_student"
SCOPE_FIELDS = (SCOPE_TIER2, SCOPE_STUDENT)


def scope_of(chain) -> dict:
	"""The scope columns of a record owned by the first unit of ``chain``: ``(name, unit_type)``
	of the owner unit, then its ancestors (any order after the first)."""
	tier2 = next((name for name, unit_type in chain if unit_type in tiers.TIER_2_TYPES), None)
	student = int(any(unit_type in tiers.STUDENT_TYPES for _name, unit_type in chain))
	return {SCOPE_TIER2: tier2, SCOPE_STUDENT: student}
