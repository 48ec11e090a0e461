"""The school's settings and the site's language: the one place that reads them."""

from __future__ import annotations

import frappe


def get_settings():
	"""Governance Settings (cached for the request; Frappe clears it when they are saved)."""
	return frappe.get_cached_doc("Governance Settings")


def site_lang() -> str:
	"""The site's language (System Settings): stored explanatory texts are written in it,
	whoever saves, and school-wide messages (robots, the reminder settings) speak it."""
	return frappe.db.get_single_value("System Settings", "language") or frappe.db.get_default("lang") or "en"
