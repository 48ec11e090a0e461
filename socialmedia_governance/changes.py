"""Has a field really changed? Values compared in one form, by fieldtype.

A document loaded from the database holds a Date as ``datetime.date``, a Check as ``0``; the same
document sent back by the desk holds ``"2026-03-01"`` and ``"0"`` or ``None``. Comparing the two
raw values reports a change nobody made (issue 15: every filed account refused to save because
备案日期 "changed"). Every comparison of a stored value with an edited one goes through here.
"""

from __future__ import annotations

from frappe.utils import cast, cstr

_EMPTY = (None, "")


def comparable(fieldtype: str | None, value):
	"""``value`` in the one form its fieldtype is stored in; ``None`` for an empty value."""
	if value in _EMPTY:
		return None
	if fieldtype in ("Int", "Check", "Float", "Currency", "Percent"):
		return cast(fieldtype, value) or None  # 0 and empty are the same to a number field
	if fieldtype in ("Date", "Datetime", "Time"):
		try:
			return cast(fieldtype, value)
		except Exception:
			return cstr(value)
	if isinstance(value, str):
		return value
	return cstr(value) if fieldtype else value


def value_changed(doc, before, fieldname: str) -> bool:
	"""True if ``doc``'s value of ``fieldname`` differs from ``before``'s (None: a new document)."""
	if before is None:
		return False
	df = doc.meta.get_field(fieldname)
	fieldtype = df.fieldtype if df else None
	return comparable(fieldtype, before.get(fieldname)) != comparable(fieldtype, doc.get(fieldname))


def changed_fields(doc, fieldnames) -> list[str]:
	"""The fields among ``fieldnames`` whose value the save would change."""
	before = doc.get_doc_before_save()
	return [f for f in fieldnames if value_changed(doc, before, f)]
