"""Small helpers for messages shown in the desk."""

from __future__ import annotations

import frappe
from frappe.utils import cstr, escape_html


def bold(value) -> str:
	"""``frappe.bold`` of a value typed by a user, escaped first: the desk shows messages as HTML,
	so a name like ``<img onerror=…>`` must appear as text, not become markup."""
	return frappe.bold(escape_html(cstr(value)))
