"""Who approves each step of an opening application, resolved at run time from the tree.

This is the helper that exposes tree-resolved approvers to the Workflow: the controller keeps
``current_approvers`` (one user per line) and ``next_step`` up to date on the document, and the
shipped Workflow's transition conditions read them, e.g.

    frappe.session.user in (doc.current_approvers or "").split("\\n") and doc.next_step == "Propaganda"

An admin who edits the Workflow in the desk can use the same two fields in new conditions.

Steps:
- Supervisor: the supervisor derived for the platform's owner (unit head, counsellor, advisor)
  and, for a tier-2 unit, its party secretary;
- Youth League: the head of the Youth League Committee unit and every Youth League Manager;
- Propaganda: the head of the Propaganda Department unit and every Propaganda Manager.
The applicant is never an approver of their own application.
"""

from __future__ import annotations

import frappe

from socialmedia_governance.policy import access, routes, tiers
from socialmedia_governance.registry.supervision import get_settings, to_unit, unit_row


def users_with_role(role: str) -> list[str]:
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	rows = (
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(has_role.parent)
		.where((has_role.role == role) & (has_role.parenttype == "User") & (user.enabled == 1))
		.distinct()
		.run(pluck=True)
	)
	return sorted(u for u in rows if u not in ("Administrator", "Guest"))


def unit_head(unit: str | None) -> str | None:
	return frappe.db.get_value("Organization Unit", unit, "head") if unit else None


def propaganda_people() -> list[str]:
	"""The Propaganda Department: the head of its unit and every Propaganda Manager (no duplicates)."""
	people = [unit_head(get_settings().propaganda_unit), *users_with_role(access.PROPAGANDA_MANAGER)]
	return list(dict.fromkeys(p for p in people if p))


def step_approvers(step: str, platform) -> list[str]:
	"""The users who may approve ``step`` for ``platform`` (an account or group document)."""
	settings = get_settings()
	if step == routes.SUPERVISOR:
		people = [platform.supervisor]
		if platform.tier == 2 and platform.owner_unit:
			people += tiers.tier2_secretaries(to_unit(unit_row(platform.owner_unit)))
	elif step == routes.YOUTH_LEAGUE:
		people = [unit_head(settings.youth_league_unit), *users_with_role(access.YOUTH_LEAGUE_MANAGER)]
	elif step == routes.PROPAGANDA:
		people = propaganda_people()
	else:
		return []
	seen, out = set(), []
	for person in people:
		if person and person not in seen:
			seen.add(person)
			out.append(person)
	return out
