"""What the desk needs at login (hooks.boot_session)."""

import frappe


def boot_session(bootinfo) -> None:
	# lists shorten names that begin with the school's name (public/js/desk_i18n.js)
	bootinfo.smg_institution = frappe.db.get_single_value("Governance Settings", "institution_name") or ""
