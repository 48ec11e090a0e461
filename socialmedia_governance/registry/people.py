"""The registry's people: who acts for a platform, who the Propaganda Department and the Youth
League Committee are, and who approves each step of an opening application (or a publication
request) — resolved at run time from the register and the tree, the one place that says so.

A platform's people are its administrators and, for a group, its owner (``administrators`` and
``acts_for`` for a document, ``platform_people`` set-based for many platforms at once). The Propaganda Department is
the head of its unit and every Propaganda Manager; the Youth League Committee likewise.

Step approvers are exposed to the Workflow: the controller keeps ``current_approvers`` (one user
per line) and ``next_step`` up to date on the document, and the shipped Workflow's transition
conditions read them, e.g.

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

from collections import defaultdict
from collections.abc import Iterable

import frappe

from socialmedia_governance.policy import access, routes, tiers
from socialmedia_governance.registry.settings import get_settings
from socialmedia_governance.registry.supervision import to_unit, unit_row

ADMINS = "Social Media Administrator"
GROUP = "Social Media Group"


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


def propaganda_head() -> str | None:
	"""The head of the Propaganda Department's unit (Governance Settings)."""
	return unit_head(get_settings().propaganda_unit)


def propaganda_people() -> list[str]:
	"""The Propaganda Department: the head of its unit and every Propaganda Manager (no duplicates)."""
	people = [propaganda_head(), *users_with_role(access.PROPAGANDA_MANAGER)]
	return list(dict.fromkeys(p for p in people if p))


def youth_league_people() -> list[str]:
	"""The Youth League Committee: the head of its unit and every Youth League Manager."""
	people = [unit_head(get_settings().youth_league_unit), *users_with_role(access.YOUTH_LEAGUE_MANAGER)]
	return list(dict.fromkeys(p for p in people if p))


def step_approvers(step: str, platform) -> list[str]:
	"""The users who may approve ``step`` for ``platform`` (an account or group document)."""
	if step == routes.SUPERVISOR:
		people = [platform.supervisor]
		if platform.tier == 2 and platform.owner_unit:
			people += tiers.tier2_secretaries(to_unit(unit_row(platform.owner_unit)))
	elif step == routes.YOUTH_LEAGUE:
		people = youth_league_people()
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


def administrators(platform) -> list[str]:
	"""The users listed as administrators of ``platform`` (a register document), in order."""
	return list(dict.fromkeys(row.user for row in platform.get("administrators") or [] if row.user))


def acts_for(platform) -> list[str]:
	"""Who acts for ``platform`` (a register document): its administrators and, for a group, its
	owner — ``platform_people`` for one document, whether or not the users are enabled."""
	return list(dict.fromkeys(u for u in (*administrators(platform), platform.get("group_owner")) if u))


def _chunks(values: list, size: int = 5000):
	for start in range(0, len(values), size):
		yield values[start : start + size]


def platform_people(refs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
	"""Who acts for each (register, platform) now: its administrators and, for a group, its owner;
	enabled users only (one query per register and thousand platforms, not one per platform)."""
	by_register: dict[str, set[str]] = defaultdict(set)
	for register, name in refs:
		if register and name:
			by_register[register].add(name)
	out: dict[tuple[str, str], list[str]] = defaultdict(list)
	for register, names in by_register.items():
		for chunk in _chunks(sorted(names)):
			rows = frappe.db.sql(
				f"""select a.`parent`, a.`user` from `tab{ADMINS}` a
				join `tabUser` u on u.`name` = a.`user` and u.`enabled` = 1
				where a.`parenttype` = %s and a.`parent` in %s order by a.`idx`""",
				(register, tuple(chunk)),
			)
			if register == GROUP:
				rows += frappe.db.sql(
					f"""select g.`name`, g.`group_owner` from `tab{GROUP}` g
					join `tabUser` u on u.`name` = g.`group_owner` and u.`enabled` = 1
					where g.`name` in %s""",
					(tuple(chunk),),
				)
			for name, user in rows:
				if user not in out[(register, name)]:
					out[(register, name)].append(user)
	return out
