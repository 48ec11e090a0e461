"""Type checks on every document of the app, before its own validation (hooked as
``doc_events["*"]["before_validate"]``).

Frappe coerces little on its own: a list written into a Data field over REST, "2026-02-30" into a
Date or "abc" into an Int reach the controller or the database and end as a server error. Here
every field of the app's DocTypes (and their child rows) is checked by type and refused with a
clear, translated message: text must be text without control characters, numbers numbers, dates
real dates in a sensible range. Numbers written into text fields become text; numbers and dates
written as text are stored in their canonical form (``"12"`` → 12, ``"31/12/2026"`` → 2026-12-31).

The same checks run before a change to a submitted document (``before_update_after_submit``), and
controllers whose DocType has links derive from :class:`TypeCheckedDocument`: Frappe resolves links
before any hook, and a list in the field that names a Dynamic Link's DocType would end there."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, get_system_timezone, getdate

from socialmedia_governance.policy import platforms

APP = "socialmedia_governance"
TEXT = frozenset({"Data", "Small Text", "Text", "Long Text", "Text Editor", "Select", "Link", "Dynamic Link"})
NUMBER = frozenset({"Int", "Float", "Currency", "Percent", "Check"})
WHOLE = frozenset({"Int", "Check"})
LINKS = frozenset({"Link", "Dynamic Link"})
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


class TypeCheckedDocument(Document):
	"""A controller whose link fields (and the fields naming a Dynamic Link's DocType) are checked
	by type before Frappe resolves the links."""

	def _validate_links(self):
		if self.meta.module in app_modules():
			check_link_fields(self)
			for df in self.meta.get_table_fields():
				for row in self.get(df.fieldname) or []:
					check_link_fields(row)
		super()._validate_links()


def check_link_fields(doc) -> None:
	fieldnames = {df.options for df in doc.meta.fields if df.fieldtype == "Dynamic Link"}
	fieldnames |= {df.fieldname for df in doc.meta.fields if df.fieldtype in LINKS}
	check_fields(doc, fieldnames)


def check_fields(doc, only: set[str] | None = None) -> None:
	for df in doc.meta.fields:
		if only is not None and df.fieldname not in only:
			continue
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
			doc.set(df.fieldname, number_value(value, label, df.fieldtype in WHOLE))
		elif df.fieldtype in DATE:
			doc.set(df.fieldname, date_value(value, label, df.fieldtype))


def text_value(value, label: str) -> str:
	if isinstance(value, bool) or not isinstance(value, str | int | float):
		frappe.throw(_("{0}: enter text.").format(label), FieldTypeError)
	value = str(value)
	if _CONTROL.search(value):
		frappe.throw(_("{0} contains control characters; remove them.").format(label), FieldTypeError)
	return value


def number_value(value, label: str, whole: bool = False):
	"""The number, checked: finite, within what the database keeps exactly, whole for Int/Check."""
	if isinstance(value, bool):
		return int(value)
	number = None
	if isinstance(value, int | float):
		number = value
	elif isinstance(value, str):
		try:
			number = float(value.strip().replace(",", ""))
		except ValueError:
			pass
	if number is None:
		frappe.throw(_("{0} must be a number.").format(label), FieldTypeError)
	if not math.isfinite(number) or abs(number) > 2**53:
		frappe.throw(_("{0} is out of range.").format(label), FieldTypeError)
	if whole:
		if number != int(number):
			frappe.throw(_("{0} must be a whole number.").format(label), FieldTypeError)
		return int(number)
	return number if isinstance(value, int | float) else float(number)


def date_value(value, label: str, fieldtype: str):
	"""The date (or date and time), checked; text is stored in the database's form (YYYY-MM-DD)."""
	if not isinstance(value, str) and not hasattr(value, "year"):
		frappe.throw(_("{0} is not a valid date.").format(label), FieldTypeError)
	try:
		parsed = get_datetime(value) if fieldtype == "Datetime" else getdate(value)
	except Exception:
		parsed = None
	if not parsed or not YEARS[0] <= parsed.year <= YEARS[1]:
		frappe.throw(_("{0} is not a valid date.").format(label), FieldTypeError)
	if not isinstance(value, str):
		return value
	if fieldtype == "Date":
		return parsed.isoformat()
	if parsed.tzinfo:
		parsed = parsed.astimezone(ZoneInfo(get_system_timezone())).replace(tzinfo=None)
	return str(parsed)
