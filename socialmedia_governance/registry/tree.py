"""The organisation tree read as nested sets: a unit's subtree, the one way to compute it."""

from __future__ import annotations

import frappe

UNIT = "Organization Unit"


def subtree(unit: str) -> list[str]:
	"""``unit`` and every unit below it, in tree order (empty when the unit is not placed yet)."""
	lft, rgt = frappe.db.get_value(UNIT, unit, ["lft", "rgt"]) or (None, None)
	if not lft:
		return []
	return frappe.get_all(
		UNIT, filters={"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name", order_by="lft"
	)
