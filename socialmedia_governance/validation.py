"""Type checks on every document of the app, before its own validation (hooked as
``doc_events["*"]["before_validate"]``).

Frappe coerces little on its own: a list written into a Data field over REST, "2026-02-30" into a
Date or "abc" into an Int reach the controller or the database and end as a server error. Here
every field of the app's DocTypes (and their child rows) is checked by type and refused with a
clear, translated message: text must be text without control characters, numbers numbers, dates
real dates in a sensible range. Numbers written into text fields become text."""

from __future__ import annotations

import re
from functools import lru_cache

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate

from socialmedia_governance.policy import platforms

APP = "socialmedia_governance"
TEXT = frozenset({"Data", "Small Text", "Text", "Long Text", "Text Editor", "Select", "Link", "Dynamic Link"})
NUMBER = frozenset({"Int", "Float", "Currency", "Percent", "Check"})
DATE = frozenset({"Date", "Datetime"})
YEARS = (1900, 2200)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FieldTypeError(frappe.ValidationError):
	pass


@lru_cache(maxsize=1)
def app_modules() -> frozenset[str]:
	return frozenset(frappe.get_module_list(APP))


def before_validate(doc, method=None):
	if doc.meta.module not in app_modules():
		return
	check_fields(doc)
	for df in doc.meta.get_table_fields():
		for row in doc.get(df.fieldname) or []:
			check_fields(row)


def check_fields(doc) -> None:
	for df in doc.meta.fields:
		value = doc.get(df.fieldname)
		if value is None or value == "":
			continue
		label = _(df.label or df.fieldname)
		if df.fieldtype in TEXT:
			value = text_value(value, label)
			doc.set(df.fieldname, value)
			if df.fieldtype == "Data" and df.options == "URL" and not platforms.is_http_url(value.strip()):
				frappe.throw(
					_("{0} must be a link starting with http:// or https://.").format(label), FieldTypeError
				)
		elif df.fieldtype in NUMBER:
			number_value(value, label)
		elif df.fieldtype in DATE:
			date_value(value, label, df.fieldtype)


def text_value(value, label: str) -> str:
	if isinstance(value, bool) or not isinstance(value, str | int | float):
		frappe.throw(_("{0}: enter text.").format(label), FieldTypeError)
	value = str(value)
	if _CONTROL.search(value):
		frappe.throw(_("{0} contains control characters; remove them.").format(label), FieldTypeError)
	return value


def number_value(value, label: str) -> None:
	if isinstance(value, bool):
		return
	if isinstance(value, int | float):
		if abs(value) > 2**53:
			frappe.throw(_("{0} is out of range.").format(label), FieldTypeError)
		return
	if isinstance(value, str):
		try:
			float(value.replace(",", ""))
			return
		except ValueError:
			pass
	frappe.throw(_("{0} must be a number.").format(label), FieldTypeError)


def date_value(value, label: str, fieldtype: str) -> None:
	if not isinstance(value, str) and not hasattr(value, "year"):
		frappe.throw(_("{0} is not a valid date.").format(label), FieldTypeError)
	try:
		parsed = get_datetime(value) if fieldtype == "Datetime" else getdate(value)
	except Exception:
		parsed = None
	if not parsed or not YEARS[0] <= parsed.year <= YEARS[1]:
		frappe.throw(_("{0} is not a valid date.").format(label), FieldTypeError)
