"""What the app's Script Reports share: their columns and the SQL of their equality filters.

A report lists its columns as ``(fieldname, label, fieldtype, width)`` tuples, a Link's DocType
written Frappe's way (``"Link/Organization Unit"``) and any further keys in a dict after the
width (``NO_TOTAL``). The labels stay ``_("…")`` at the report, so that they are translated per
request and found by ``scripts/i18n_check.py``. Row-level access is
``permissions.report_conditions``, which reads the ``clauses`` built here (or
``permissions.report_parts`` with ``sum_of_parts`` for an aggregate)."""

from __future__ import annotations

import frappe

# a column whose total row would mean nothing (a rate, a name)
NO_TOTAL = {"disable_total": 1}


def column(fieldname: str, label: str, fieldtype: str = "Data", width: int = 100, extra=None) -> dict:
	"""One column: ``{"fieldname", "label", "fieldtype"[, "options"], "width", …extra}``."""
	fieldtype, _slash, options = fieldtype.partition("/")
	spec = {"fieldname": fieldname, "label": label, "fieldtype": fieldtype}
	if options:
		spec["options"] = options
	spec["width"] = width
	spec.update(extra or {})
	return spec


def columns(*specs: tuple) -> list[dict]:
	"""The report's columns, one ``column`` per tuple."""
	return [column(*spec) for spec in specs]


def equals(*fieldnames: str, table: str | None = None) -> dict[str, str]:
	"""``report_conditions`` clauses for filters that keep the rows whose field equals the filter's
	value (same name), with the column qualified by ``table`` when the query joins another."""
	prefix = f"{table}." if table else ""
	return {f: f"{prefix}`{f}` = %({f})s" for f in fieldnames}


def sum_of_parts(query: str, parts: list[str], values: dict, keys: tuple[str, ...], sums: tuple[str, ...]):
	"""Run ``query``, an aggregate whose WHERE is ``{where}``, once per disjoint part
	(``permissions.report_parts``) and add up the ``sums`` of the rows with the same ``keys``:
	the aggregate over all the parts' rows, one row per key. A sum over no value counts as 0."""
	merged = {}
	for where in parts:
		for row in frappe.db.sql(query.format(where=where), values, as_dict=True):
			for field in sums:
				row[field] = int(row[field] or 0)
			key = tuple(row[k] for k in keys)
			if (total := merged.get(key)) is None:
				merged[key] = row
			else:
				for field in sums:
					total[field] += row[field]
	return list(merged.values())
