"""Operational checks run by scripts/test (``bench --site … execute``)."""

from __future__ import annotations

import frappe

APP = "socialmedia_governance"


def table_counts() -> dict[str, int]:
	"""Rows per table of the app (parents and child tables): compared before a backup and after
	its restore into a fresh site."""
	modules = frappe.get_module_list(APP)
	doctypes = frappe.get_all("DocType", filters={"module": ("in", modules), "issingle": 0}, pluck="name")
	counts = {doctype: frappe.db.count(doctype) for doctype in sorted(doctypes)}
	counts["Governance Settings (Singles rows)"] = frappe.db.count(
		"Singles", {"doctype": "Governance Settings"}
	)
	return counts
