"""The print view's wkhtmltopdf check, shown to the people who can act on it.

Frappe's print view asks ``frappe.utils.pdf.is_wkhtmltopdf_valid`` before every PDF and, on a
wkhtmltopdf built without patched Qt (Debian's own package, the only one a school's Debian server
gets from its distribution), opens "Invalid wkhtmltopdf version … contact your system manager" for
every user. The PDF still renders (the app's forms use no header or footer HTML, the only thing the
unpatched build ignores); staff cannot act on the message, the system manager can: they still see it.
"""

from __future__ import annotations

import frappe
from frappe.utils.pdf import is_wkhtmltopdf_valid as frappe_is_wkhtmltopdf_valid


@frappe.whitelist()
def is_wkhtmltopdf_valid() -> bool:
	if "System Manager" in frappe.get_roles():
		return frappe_is_wkhtmltopdf_valid()
	return True
