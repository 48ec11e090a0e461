"""Platform exports in (issue 19): an .xlsx or .csv exported from a platform's back end, recognised
by its Chinese headings (a preset, or a mapping an admin saved once), read row by row as a stream
(openpyxl read-only, csv) and written in chunks, so memory does not grow with the file. Bad rows are
reported in the reader's language with their row number; good rows are imported; a post already
known is never duplicated (its figures are raised to the export's)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import frappe
from frappe import _
from frappe.utils import now_datetime

from socialmedia_governance.monitoring import posts as post_store
from socialmedia_governance.policy import post_import, posts

IMPORT = "Post Import"
MAPPING = "Post Import Mapping"
AUTO = "Recognise Automatically"
CHUNK = 1000
MAX_LOGGED_ERRORS = 500
HEADER_SEARCH_ROWS = 10
LABEL_TO_FIELD = {label: field for field, label in post_import.FIELD_LABELS.items()}


class PostImportError(frappe.ValidationError):
	pass


def saved_mappings(name: str | None = None) -> dict[str, dict[str, str]]:
	filters = {"parent": name} if name else {}
	mappings: dict[str, dict[str, str]] = {}
	for row in frappe.get_all(
		"Post Import Column",
		filters={"parenttype": MAPPING, **filters},
		fields=["parent", "heading", "field"],
	):
		if row.field in LABEL_TO_FIELD:
			mappings.setdefault(row.parent, {})[row.heading] = LABEL_TO_FIELD[row.field]
	return mappings


def rows_of(path: str) -> Iterator[list]:
	"""The rows of an .xlsx (first sheet) or .csv file, one at a time."""
	if path.lower().endswith(".xlsx"):
		from openpyxl import load_workbook

		try:
			book = load_workbook(path, read_only=True, data_only=True)
		except Exception as error:
			raise PostImportError(
				_("The file is not a readable .xlsx workbook ({0}).").format(type(error).__name__)
			) from error
		try:
			for row in book.worksheets[0].iter_rows(values_only=True):
				yield list(row)
		finally:
			book.close()
		return
	with open(path, "rb") as raw:
		head = raw.read(65536)
		raw.seek(0)
		encoding = "utf-8-sig"
		try:
			head.decode("utf-8")
		except UnicodeDecodeError as error:
			# a cut multi-byte character at the end of the sample is still UTF-8
			if error.start < len(head) - 3:
				encoding = "gb18030"  # Chinese Excel saves CSV in GBK
		text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
		sample = text.read(8192)
		text.seek(0)
		try:
			dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
		except csv.Error:
			dialect = csv.excel
		yield from csv.reader(text, dialect)


def run_import(doc) -> dict:
	path = frappe.get_doc("File", {"file_url": doc.import_file}).get_full_path()
	mappings = (
		saved_mappings(doc.mapping)
		if doc.mapping
		else {doc.preset: post_import.PRESETS[doc.preset]}
		if doc.preset and doc.preset != AUTO
		else {**post_import.PRESETS, **saved_mappings()}
	)
	now = now_datetime()
	rows = rows_of(path)
	found, name, header_at = {}, None, 0
	seen_headings = []
	for number, cells in enumerate(rows, start=1):
		name, found = post_import.detect(cells, mappings)
		filled = [str(c) for c in cells if c not in (None, "")]
		if len(filled) > len(seen_headings):  # the widest row is the headings' best guess
			seen_headings = filled
		if name:
			header_at = number
			break
		if number >= HEADER_SEARCH_ROWS:
			break
	if not name:
		raise PostImportError(
			_(
				"The headings of this file are not those of a known export: {0}. Create a Post Import Mapping for them and choose it."
			).format(", ".join(seen_headings[:20]) or "-")
		)
	errors, failed = [], 0
	totals = {"new": 0, "known": 0}
	batch = []

	def flush():
		result = post_store.upsert(batch, posts.IMPORT, refresh_figures=True)
		totals["new"] += result["new"]
		totals["known"] += result["known"]
		batch.clear()

	for number, cells in enumerate(rows, start=header_at + 1):
		post, error = post_import.read_row(list(cells), found, now)
		if error:
			failed += 1
			if len(errors) < MAX_LOGGED_ERRORS:
				text, *args = error
				errors.append(_("Row {0}: {1}").format(number, _(text).format(*[_(a) for a in args])))
			continue
		if post is None:
			continue
		batch.append({**post, "account": doc.account})
		if len(batch) >= CHUNK:
			flush()
	if batch:
		flush()
	if failed > len(errors):
		errors.append(_("… and {0} more rows not imported.").format(failed - len(errors)))
	return {
		"format": name,
		"new": totals["new"],
		"known": totals["known"],
		"failed": failed,
		"errors": errors,
	}


def execute(name: str) -> None:
	doc = frappe.get_doc(IMPORT, name)
	try:
		result = run_import(doc)
	except PostImportError as error:  # raised before any post is written: nothing to undo
		doc.db_set({"status": "Failed", "error_log": str(error), "imported_on": now_datetime()})
		raise
	doc.db_set(
		{
			"status": "Imported with Errors" if result["failed"] else "Imported",
			"format_used": _(result["format"]),
			"rows_new": result["new"],
			"rows_known": result["known"],
			"rows_failed": result["failed"],
			"error_log": "\n".join(result["errors"]) or None,
			"imported_on": now_datetime(),
		}
	)


@frappe.whitelist(methods=["POST"])
def run(name: str) -> str:
	"""Import the file of Post Import ``name`` (large files in the background)."""
	doc = frappe.get_doc(IMPORT, name)
	doc.check_permission("write")
	frappe.get_doc("Social Media Account", doc.account).check_permission("read")
	file_size = frappe.db.get_value("File", {"file_url": doc.import_file}, "file_size") or 0
	if file_size > 2 * 1024 * 1024 and not frappe.flags.in_test:
		frappe.enqueue(
			execute, queue="long", timeout=3600, name=name, job_id=f"post-import-{name}", deduplicate=True
		)
		frappe.msgprint(
			_("The file is large: it is imported in the background. Reload the form in a minute.")
		)
		return "Queued"
	try:
		execute(name)
	except PostImportError as error:
		frappe.db.commit()  # the failure is recorded on the import
		frappe.throw(str(error), PostImportError)
	return frappe.db.get_value(IMPORT, name, "status")
