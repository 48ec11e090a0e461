"""Give people the role their place in the tree or on a platform calls for.

Naming someone the head of a unit, the counsellor of a class, the advisor of a club, an
administrator of an account or the owner of a group gives them the matching role, so that
what they may see follows from the organisation tree without a second manual step. Roles are
never taken away automatically: the same person may hold the role elsewhere.
"""

from __future__ import annotations

import frappe

from socialmedia_governance.policy import access
from socialmedia_governance.registry.people import administrators

UNIT_ROLE_BY_FIELD = {
	"head": access.UNIT_HEAD,
	"secretary": access.UNIT_HEAD,
	"counsellor": access.COUNSELLOR,
	"advisor": access.CLUB_ADVISOR,
}


def ensure_role(user: str | None, role: str) -> None:
	if not user or user in ("Administrator", "Guest"):
		return
	if frappe.db.exists("Has Role", {"parent": user, "parenttype": "User", "role": role}):
		return
	if not frappe.db.exists("User", user):
		return
	doc = frappe.get_doc("User", user)
	doc.flags.ignore_permissions = True
	doc.add_roles(role)


def grant_unit_roles(unit) -> None:
	for field, role in UNIT_ROLE_BY_FIELD.items():
		ensure_role(unit.get(field), role)


def grant_platform_roles(doc) -> None:
	for user in administrators(doc):
		ensure_role(user, access.ACCOUNT_ADMINISTRATOR)
	if doc.get("group_owner"):
		ensure_role(doc.group_owner, access.GROUP_OWNER)
