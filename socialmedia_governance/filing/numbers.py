"""Filing numbers (备案号, S4, H7.1): unique across every register, issued from one series.

The registers are derived from the metadata: every DocType whose records carry their own filing
(a ``filing_number`` and the date ``filed_on``). Each register keeps a unique index on its filing
number (``"unique": 1`` in its JSON); this module adds the check across registers and the series
that skips every number already held — issued by the app, written by the demo, or imported
with a school's existing accounts ahead of the series.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from socialmedia_governance import ui
from socialmedia_governance.policy import filing_numbers as rules
from socialmedia_governance.registry.settings import get_settings


class DuplicateFilingNumberError(frappe.ValidationError):
	pass


def filing_registers() -> list[str]:
	"""The DocTypes whose records hold their own filing number and filing date."""
	with_number = set(
		frappe.get_all(
			"DocField", filters={"parenttype": "DocType", "fieldname": "filing_number"}, pluck="parent"
		)
	)
	with_date = frappe.get_all(
		"DocField", filters={"parenttype": "DocType", "fieldname": "filed_on"}, pluck="parent"
	)
	return sorted(with_number.intersection(with_date))


def used_numbers(key: str) -> list[str]:
	"""Every filing number of the series ``key`` held by a record of any register."""
	like = frappe.db.escape(key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
	union = " union ".join(
		f"select `filing_number` from `tab{doctype}` where `filing_number` like {like}"
		for doctype in filing_registers()
	)
	return frappe.db.sql_list(union) if union else []


def next_filing_number(prefix: str | None = None, year: int | None = None) -> str:
	"""Issue the next free filing number of the series (prefix from the settings, this year).

	The series row is locked for the rest of the transaction, so two approvals at the same moment
	cannot take the same number; numbers already held by any register are skipped."""
	prefix = (prefix or get_settings().filing_number_prefix or "XCB").strip()
	key = rules.series_key(prefix, year or getdate().year)
	row = frappe.db.sql("select `current` from `tabSeries` where `name` = %s for update", key)
	current = int(row[0][0] or 0) if row else 0
	sequence = rules.next_free(key, current, used_numbers(key))
	if row:
		frappe.db.sql("update `tabSeries` set `current` = %s where `name` = %s", (sequence, key))
	else:
		frappe.db.sql("insert into `tabSeries` (`name`, `current`) values (%s, %s)", (key, sequence))
	return rules.format_number(key, sequence)


def holder(number: str, doctype: str | None = None, name: str | None = None):
	"""The (doctype, name, title) of another record holding ``number``, or None."""
	number = number.strip()
	for register in filing_registers():
		meta = frappe.get_meta(register)
		title = meta.title_field or "name"
		row = frappe.db.get_value(
			register,
			{"filing_number": number, "name": ("!=", (name or "") if register == doctype else "")},
			["name", title],
		)
		if row:
			return register, row[0], row[1]
	return None


def validate_unique(doc) -> None:
	"""Refuse a filing number another record (of either register) already holds."""
	number = (doc.get("filing_number") or "").strip()
	if not number:
		return
	other = holder(number, doc.doctype, doc.name)
	if other:
		doctype, name, title = other
		frappe.throw(
			_("Filing number {0} already belongs to {1} {2}. Every filing number is issued once.").format(
				ui.bold(number), _(doctype), ui.bold(title or name)
			),
			DuplicateFilingNumberError,
			title=_("Duplicate Filing Number"),
		)
