"""Every DocType that has a print format of this app opens its print view on one of them.

Frappe's print view starts with the DocType's ``default_print_format`` and, without one, with an
empty selector that prints Frappe's generic "Standard" layout. The DocTypes are found at run
time from the app's print formats (a new print format needs no code); where a DocType has
several, the first one registered in ``documents.forms.FORMS`` wins. A default that is already
set (in the DocType or by an administrator through Customize Form) is kept."""

from __future__ import annotations

import frappe
from frappe.custom.doctype.property_setter.property_setter import make_property_setter


def app_print_formats() -> dict[str, list[str]]:
	"""doctype → the app's enabled print formats for it, the preferred one first."""
	from socialmedia_governance.documents.forms import FORMS

	modules = frappe.get_all("Module Def", filters={"app_name": "socialmedia_governance"}, pluck="name")
	rows = frappe.get_all(
		"Print Format",
		filters={"module": ("in", modules), "disabled": 0},
		fields=["name", "doc_type"],
		order_by="name",
	)
	order = list(FORMS)
	by_doctype: dict[str, list[str]] = {}
	for row in sorted(rows, key=lambda r: (order.index(r.name) if r.name in order else len(order), r.name)):
		by_doctype.setdefault(row.doc_type, []).append(row.name)
	return by_doctype


def set_default_print_formats() -> list[str]:
	"""Give each such DocType without a default its preferred print format; returns the DocTypes set."""
	changed = []
	for doctype, formats in app_print_formats().items():
		current = frappe.get_meta(doctype).default_print_format
		if current and frappe.db.exists("Print Format", {"name": current, "disabled": 0}):
			continue
		make_property_setter(
			doctype,
			None,
			"default_print_format",
			formats[0],
			"Data",
			for_doctype=True,
			validate_fields_for_doctype=False,
		)
		changed.append(doctype)
	if changed:
		frappe.clear_cache()
	return changed
