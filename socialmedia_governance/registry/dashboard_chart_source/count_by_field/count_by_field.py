# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Workspace charts: the rows of a DocType counted by one field, like Frappe's Group By chart, but
read as people read them. A Dashboard Chart of type Custom with this source names the DocType
(``document_type``), the field (``group_by_based_on``), its filters (``filters_json``) and the
number of bars or slices (``number_of_groups``, the rest counted as "Other"), exactly as a Group
By chart would, so a new chart needs no code. Unlike Frappe's Group By chart:

- labels are what the desk shows: a tier as 一级/二级/三级, a Select value translated in the
  context of its DocType (a platform's "Closed" is 已注销), a link by its title;
- the series is named by the chart's (translated) name, and counts are whole numbers;
- rows are counted under the viewer's row-level rules (``frappe.get_list``).
"""

from __future__ import annotations

import frappe
from frappe import _

from socialmedia_governance.policy import tiers

# as many bars or slices as Frappe's chart widget draws before it lumps the rest as "Rest" (English)
DEFAULT_GROUPS = {"Pie": 6, "Donut": 6, "Percentage": 6}
DEFAULT_BARS = 9


@frappe.whitelist()
def get(
	chart_name: str | None = None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
) -> dict:
	chart = frappe.get_doc("Dashboard Chart", chart_name)
	chart.check_permission("read")
	doctype, field = chart.document_type, chart.group_by_based_on
	frappe.has_permission(doctype, "read", throw=True)
	meta = frappe.get_meta(doctype)
	if not meta.get_field(field):
		frappe.throw(_("{0} has no field {1}.").format(_(doctype), field))
	rows = frappe.get_list(
		doctype,
		filters=frappe.parse_json(chart.filters_json or "[]"),
		fields=[f"`tab{doctype}`.`{field}` as `value`", "count(*) as `count`"],
		group_by=f"`tab{doctype}`.`{field}`",
		order_by="`count` desc",
	)
	rows = sorted(rows, key=sort_key(meta, field))
	keep = chart.number_of_groups or DEFAULT_GROUPS.get(chart.type, DEFAULT_BARS)
	if len(rows) > keep:
		rest = sum(int(r.count) for r in rows[keep - 1 :])
		rows = [*rows[: keep - 1], frappe._dict(value=None, count=rest, other=True)]
	return {
		"labels": [_("Other") if r.get("other") else label(meta, field, r.value) for r in rows],
		"datasets": [{"name": _(chart.chart_name), "values": [int(r.count) for r in rows]}],
	}


def sort_key(meta, field: str):
	"""Tiers and Select values in their natural order; anything else by count (largest first)."""
	df = meta.get_field(field)
	if field == "tier":
		return lambda r: (r.value is None, r.value or 0)
	if df.fieldtype == "Select":
		options = [o for o in (df.options or "").split("\n")]
		return lambda r: options.index(r.value) if r.value in options else len(options)
	return lambda r: -int(r.count)


def label(meta, field: str, value) -> str:
	if value in (None, ""):
		return _("Not Set")
	df = meta.get_field(field)
	if field == "tier" and int(value) in tiers.TIER_LABELS:
		return _(tiers.TIER_LABELS[int(value)])
	if df.fieldtype == "Select":
		return _(value, context=meta.name)
	if df.fieldtype == "Link":
		title_field = frappe.get_meta(df.options).title_field
		title = frappe.db.get_value(df.options, value, title_field) if title_field else None
		return _(title or value)
	return _(str(value))
