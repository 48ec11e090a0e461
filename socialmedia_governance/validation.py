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
before any hook, and a list in the field that names a Dynamic Link's DocType would end there.

Two more checks run here for every document of the app, for the same reason — one place that
covers every field, found from the DocType's meta at run time (issue 16):

- S17: no free-text field (``policy.text.FREE_TEXT_TYPES``) of any DocType of the app, nor the
  comment, assignment or email a user writes on one of its documents, holds a written-out
  password (``check_credentials``, ``check_frappe_record_on_app_document``);
- a required text field of markup only (``<img src=x>``), which Frappe would call "missing", is
  refused saying what happened (``check_markup_only``)."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, get_system_timezone, getdate, strip_html

from socialmedia_governance import ui
from socialmedia_governance.policy import platforms, text

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


class CredentialInTextError(frappe.ValidationError):
	"""S17: text that looks like a written-out password, refused wherever it is typed."""


@lru_cache(maxsize=1)
def app_modules() -> frozenset[str]:
	return frozenset(frappe.get_module_list(APP))


def before_validate(doc, method=None):
	if doc.meta.module not in app_modules():
		check_frappe_record_on_app_document(doc)
		return
	for row in [doc, *(r for df in doc.meta.get_table_fields() for r in doc.get(df.fieldname) or [])]:
		check_credentials(row)  # first: a password is refused whatever else is wrong with the field
		check_fields(row)
		check_markup_only(row)


def check_markup_only(doc) -> None:
	"""A required text field holding only markup (``<img src=x>``) counts as empty for Frappe, which
	would say the value is missing although the user typed something: say what happened instead."""
	for df in doc.meta.fields:
		value = doc.get(df.fieldname)
		if (
			df.reqd
			and df.fieldtype in text.FREE_TEXT_TYPES
			and df.fieldtype not in ("Text Editor", "HTML Editor", "Code")
			and isinstance(value, str)
			and value.strip()
			and not strip_html(value).strip()
		):
			frappe.throw(
				_(
					"{0}: {1} contains only HTML markup, which does not count as text, so nothing was entered. Please type the text itself."
				).format(_(df.label or df.fieldname), ui.bold(value)),
				FieldTypeError,
				title=_("Only HTML markup"),
			)


def free_text_fields(meta) -> list:
	"""Every field of ``meta`` a person can write text into (derived from its type: a field added
	next year is covered without being named anywhere)."""
	return [df for df in meta.fields if df.fieldtype in text.FREE_TEXT_TYPES]


def check_credentials(doc) -> None:
	"""S17: no free-text field of the app ever stores a written-out password."""
	for df in free_text_fields(doc.meta):
		refuse_credential(doc.get(df.fieldname), _(df.label or df.fieldname))


def refuse_credential(value, label: str) -> None:
	if isinstance(value, str) and text.looks_like_credential(value):
		frappe.throw(
			_(
				"{0} seems to contain a password. Never record passwords here: seal them and record only where the sealed copy is kept."
			).format(label),
			CredentialInTextError,
			title=_("Password in text"),
		)


# Frappe's records a user writes on a document of the app: comments, assignments, emails sent from
# the form. (DocType: (field naming the document's DocType, text fields a person types))
ATTACHED_RECORDS = {
	"Comment": ("reference_doctype", ("content",)),
	"ToDo": ("reference_type", ("description",)),
	"Communication": ("reference_doctype", ("subject", "content")),
}


def check_frappe_record_on_app_document(doc) -> None:
	"""S17 also for what is typed into a comment, an assignment or an email on the app's documents.
	Mail received from outside is kept as it came (refusing it would lose it)."""
	attached = ATTACHED_RECORDS.get(doc.doctype)
	if not attached:
		return
	reference, fields = attached
	doctype = doc.get(reference)
	if not doctype or not frappe.db.exists("DocType", doctype):
		return
	if frappe.get_meta(doctype).module not in app_modules():
		return
	if doc.doctype == "Communication" and doc.get("sent_or_received") == "Received":
		return
	for fieldname in fields:
		refuse_credential(doc.get(fieldname), _(doc.meta.get_label(fieldname)))


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
