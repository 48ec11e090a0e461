"""Small helpers for messages shown in the desk."""

from __future__ import annotations

import html

import frappe
from frappe.utils import cstr, escape_html


def typed(value) -> str:
	"""Text as the user typed it. Frappe stores text containing < or > HTML-escaped (its XSS
	filter): places that show plain text (email subjects, Word, Excel) undo that, and places that
	show HTML escape the result once (``text``), so a reader never sees "&lt;"."""
	return html.unescape(cstr(value)) if value is not None else ""


def text(value) -> str:
	"""A value typed by a user, for an HTML message or email: escaped exactly once. "=" is escaped
	too: Frappe rewrites every ``src=``/``href=`` it finds in an email (or a PDF), in text as well,
	into an address on the site — a typed ``<img src="x">`` would reach the reader mangled."""
	return escape_html(typed(value)).replace("=", "&#61;")


def bold(value) -> str:
	"""``frappe.bold`` of a value typed by a user, escaped first: the desk shows messages as HTML,
	so a name like ``<img onerror=…>`` must appear as text, not become markup."""
	return frappe.bold(text(value))
