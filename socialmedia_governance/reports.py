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
	"""One column: ``{"fieldname", "label", "fieldtype"[, "options"], "width", …extra}``.

	A Link to a DocType the viewer's roles may neither read nor select is shown as text: Frappe
	checks every linked DocType of a report's rows against the viewer (``get_filtered_data``) and
	refuses the whole report ("No permission to read Violation") although the link's name is only
	a reference beside rows the viewer may see."""
	fieldtype, _slash, options = fieldtype.partition("/")
	if fieldtype == "Link" and options and not may_link(options):
		fieldtype, options = "Data", ""
	spec = {"fieldname": fieldname, "label": label, "fieldtype": fieldtype}
	if options:
		spec["options"] = options
	spec["width"] = width
	spec.update(extra or {})
	return spec


def may_link(doctype: str, user: str | None = None) -> bool:
	"""Whether ``user``'s roles may read or select ``doctype``: Frappe's own test before it looks
	at a linked DocType's rows (``DatabaseQuery.build_match_conditions``)."""
	from frappe.permissions import get_role_permissions

	granted = get_role_permissions(frappe.get_meta(doctype), user=user)
	return bool(granted.get("select") or granted.get("read"))


def columns(*specs: tuple) -> list[dict]:
	"""The report's columns, one ``column`` per tuple."""
	return [column(*spec) for spec in specs]


def equals(*fieldnames: str, table: str | None = None) -> dict[str, str]:
	"""``report_conditions`` clauses for filters that keep the rows whose field equals the filter's
	value (same name), with the column qualified by ``table`` when the query joins another."""
	prefix = f"{table}." if table else ""
	return {f: f"{prefix}`{f}` = %({f})s" for f in fieldnames}


def sum_of_parts(queries: list[str], values: dict, keys: tuple[str, ...], sums: tuple[str, ...]):
	"""Run each of ``queries``, aggregates over disjoint parts of the rows
	(``permissions.report_parts``), and add up the ``sums`` of the rows with the same ``keys``:
	the aggregate over all the parts' rows, one row per key. A sum over no value counts as 0."""
	merged = {}
	for query in queries:
		for row in frappe.db.sql(query, values, as_dict=True):
			for field in sums:
				row[field] = int(row[field] or 0)
			key = tuple(row[k] for k in keys)
			if (total := merged.get(key)) is None:
				merged[key] = row
			else:
				for field in sums:
					total[field] += row[field]
	return list(merged.values())


def script_reports():
	"""Every standard Script Report of the app: ``(report, module)``, the report's ``name``,
	``module`` and ``ref_doctype`` and its Python module."""
	from frappe.core.doctype.report.report import get_report_module_dotted_path

	from socialmedia_governance.validation import app_modules

	for report in frappe.get_all(
		"Report",
		filters={
			"report_type": "Script Report",
			"is_standard": "Yes",
			"module": ("in", sorted(app_modules())),
		},
		fields=["name", "module", "ref_doctype"],
		order_by="name",
	):
		yield report, frappe.get_module(get_report_module_dotted_path(report.module, report.name))


def add_indexes() -> None:
	"""The composite indexes every Script Report declares beside its SQL, on its ``ref_doctype``:
	``INDEXES`` (name: columns, a column may say ``desc``), and the drop of the ones they replaced
	(``REPLACED_INDEXES``); an index whose columns differ from its declaration is made again. Found
	at run time (install and every migrate): a report that declares indexes gets them without
	being listed anywhere. Idempotent."""
	for report, module in script_reports():
		for name in getattr(module, "REPLACED_INDEXES", ()):
			drop_index(report.ref_doctype, name)
		for name, columns in getattr(module, "INDEXES", {}).items():
			have = index_columns(report.ref_doctype, name)
			if have == list(columns):
				continue
			if have:  # declared anew since the site made it: made again as declared now
				drop_index(report.ref_doctype, name)
			frappe.db.add_index(report.ref_doctype, [quoted(c) for c in columns], index_name=name)


def index_columns(doctype: str, name: str) -> list[str]:
	"""The columns of index ``name`` of ``doctype``'s table as ``INDEXES`` declares them
	(``days_silent desc``), or none when there is no such index."""
	return [
		f"{column} desc" if collation == "D" else column
		for column, collation in frappe.db.sql(
			"""select `column_name`, `collation` from information_schema.statistics
			where `table_schema` = database() and `table_name` = %s and `index_name` = %s
			order by `seq_in_index`""",
			(f"tab{doctype}", name),
		)
	]


def quoted(column: str) -> str:
	"""An index's column as SQL, its name quoted (a column may be a reserved word: `release`),
	its order kept: ``days_silent desc`` is ```days_silent` desc``."""
	name, _space, order = column.partition(" ")
	return f"`{name}` {order}".rstrip()


def drop_index(doctype: str, name: str) -> None:
	"""Drop index ``name`` of ``doctype``'s table when it exists."""
	if frappe.db.has_index(f"tab{doctype}", name):
		frappe.db.sql_ddl(f"alter table `tab{doctype}` drop index `{name}`")


def served_here(report, user: str | None = None, custom_columns=None) -> bool:
	"""Whether ``run`` answers ``report`` itself: a standard Script Report of this app, not
	prepared in the background, without Report Filter rows (whose Link values Frappe checks
	against the user's permissions), without custom columns, for the session's own user."""
	from socialmedia_governance.validation import app_modules

	return (
		report.report_type == "Script Report"
		and report.is_standard == "Yes"
		and report.module in app_modules()
		and not report.prepared_report
		and not report.disabled
		and not report.filters
		and not custom_columns
		and user in (None, "", frappe.session.user)
	)


@frappe.whitelist()
@frappe.read_only()
def run(
	report_name,
	filters=None,
	user=None,
	ignore_prepared_report=False,
	custom_columns=None,
	is_tree=False,
	parent_field=None,
	are_default_filters=True,
):
	"""The desk's report call (``frappe.desk.query_report.run``, hooks.py), the app's own Script
	Reports answered from the cached Report document (issue 17). Frappe's ``run`` loads the Report
	with its child tables twice per call, 7-9 ms of a report that returns nothing; the checks are
	Frappe's own, in its order and with its messages: the report's roles (``Report.is_permitted``)
	and report permission on its DocType. Every other report and call goes to Frappe's ``run``;
	the site test ``test_report_endpoint`` compares both for every Script Report and user."""
	from frappe.desk import query_report
	from frappe.monitor import add_data_to_monitor

	report = frappe.get_cached_doc("Report", report_name)
	if not served_here(report, user, custom_columns):
		return query_report.run(
			report_name,
			filters,
			user,
			ignore_prepared_report,
			custom_columns,
			is_tree,
			parent_field,
			are_default_filters,
		)
	if not report.is_permitted():
		frappe.throw(
			frappe._("You don't have access to Report: {0}").format(frappe._(report.name)),
			frappe.PermissionError,
		)
	if not frappe.has_permission(report.ref_doctype, "report"):
		frappe.throw(
			frappe._("You don't have permission to get a report on: {0}").format(
				frappe._(report.ref_doctype)
			),
			frappe.PermissionError,
		)
	# what Frappe's get_report_doc sets on a report that is not a Custom Report
	report.custom_columns, report.custom_filters = [], []
	try:
		result = query_report.generate_report_result(report, filters, None, None, is_tree, parent_field)
		add_data_to_monitor(report=report.name)
	except Exception:
		frappe.log_error("Report Error")
		raise
	result["add_total_row"] = report.add_total_row and not result.get("skip_total_row", False)
	return result
