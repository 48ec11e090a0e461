"""Platform exports in (issue 19): an .xlsx or .csv exported from a platform's back end, recognised
by its Chinese headings (a preset, or a mapping an admin saved once), read row by row as a stream
(openpyxl's cell parser keeping no row once read and the workbook's shared strings in a temporary
file; csv) and written in chunks, so memory does not grow with the file. Bad rows are
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


class _SharedStrings:
	"""A workbook's shared-strings table (every distinct text of the sheet, which Excel, WPS and the
	platforms' back ends save once and refer to by number) kept in a temporary SQLite file and read
	back one string at a time: openpyxl holds the whole table, a string per row or two, in memory."""

	def __init__(self, source):
		import sqlite3
		from xml.etree.ElementTree import iterparse

		from openpyxl.cell.text import Text
		from openpyxl.xml.constants import SHEET_MAIN_NS

		self.db = sqlite3.connect("")  # a private temporary file, removed when closed
		self.db.execute("create table s (i integer primary key, t text)")
		tag, root, batch, count = f"{{{SHEET_MAIN_NS}}}si", None, [], 0
		for event, node in iterparse(source, events=("start", "end")):
			if event == "start":
				root = node if root is None else root
				continue
			if node.tag == tag:
				# as openpyxl's read_string_table: the text runs, without phonetic guides
				batch.append((count, Text.from_tree(node).content.replace("x005F_", "")))
				count += 1
				root.clear()  # the parsed strings are not kept under the root either
				if len(batch) >= 10000:
					self.db.executemany("insert into s values (?, ?)", batch)
					batch.clear()
		if batch:
			self.db.executemany("insert into s values (?, ?)", batch)
		self.count = count

	def __len__(self):
		return self.count

	def __getitem__(self, index: int) -> str:
		row = self.db.execute("select t from s where i = ?", (index,)).fetchone()
		if row is None:
			raise IndexError(index)
		return row[0]

	def close(self):
		self.db.close()


def _xlsx_rows(path: str) -> Iterator[list]:
	"""The first sheet's rows as lists of values, parsed as a stream with openpyxl's cell parser,
	keeping nothing of the rows already read (openpyxl's read-only sheet keeps an emptied element per
	row read, and the row's height when it has one) and the shared strings on disk."""
	from xml.etree.ElementTree import iterparse

	from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader, apply_stylesheet
	from openpyxl.worksheet._reader import ROW_TAG, WorkSheetParser
	from openpyxl.xml.constants import SHEET_MAIN_NS

	class Reader(ExcelReader):
		def read_strings(self):
			part = self.package.find(SHARED_STRINGS)
			self.shared_strings = []
			if part is not None:
				with self.archive.open(part.PartName[1:]) as src:
					self.shared_strings = _SharedStrings(src)

		def read(self):
			# what reading values needs (the date epoch and styles), and the worksheets' parts only:
			# openpyxl's read-only sheet reads the whole sheet once more when it has no <dimension>,
			# keeping an element per row
			self.read_manifest()
			self.read_strings()
			self.read_workbook()
			apply_stylesheet(self.archive, self.wb)
			self.sheet_parts = [
				rel.target
				for _sheet, rel in self.parser.find_sheets()
				if rel.target in self.valid_files and "chartsheet" not in rel.Type
			]

	class Parser(WorkSheetParser):
		def parse(self):
			sheet_data, data_tag = None, f"{{{SHEET_MAIN_NS}}}sheetData"
			for event, element in iterparse(self.source, events=("start", "end")):
				if event == "start":
					if element.tag == data_tag:
						sheet_data = element
					continue
				if element.tag == ROW_TAG:
					row = self.parse_row(element)
					element.clear()
					if sheet_data is not None:
						sheet_data.clear()
					self.row_dimensions.clear()
					yield row

	try:
		reader = Reader(path, read_only=True, data_only=True)
		reader.read()
	except Exception as error:
		raise PostImportError(
			_("The file is not a readable .xlsx workbook ({0}).").format(type(error).__name__)
		) from error
	book, strings = reader.wb, reader.shared_strings
	try:
		if not reader.sheet_parts:
			raise PostImportError(_("The file is not a readable .xlsx workbook ({0}).").format("no sheet"))
		with reader.archive.open(reader.sheet_parts[0]) as src:
			parser = Parser(
				src,
				strings,
				data_only=True,
				epoch=book.epoch,
				date_formats=book._date_formats,
				timedelta_formats=book._timedelta_formats,
			)
			expected = 1
			for number, cells in parser.parse():
				while expected < number:  # rows the file leaves out are empty rows
					expected += 1
					yield []
				values = [None] * max((c["column"] for c in cells), default=0)
				for cell in cells:
					values[cell["column"] - 1] = cell["value"]
				expected = number + 1
				yield values
	finally:
		reader.archive.close()
		if isinstance(strings, _SharedStrings):
			strings.close()


def rows_of(path: str) -> Iterator[list]:
	"""The rows of an .xlsx (first sheet) or .csv file, one at a time, in memory that does not grow
	with the file."""
	if path.lower().endswith(".xlsx"):
		yield from _xlsx_rows(path)
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


def reader_platforms() -> dict[str, str | None]:
	"""Each preset's and saved mapping's platform (None: any platform)."""
	codes = dict(frappe.get_all("Social Media Platform", fields=["platform_code", "name"], as_list=True))
	owners = {name: codes.get(code) for name, code in post_import.PRESET_PLATFORM.items()}
	owners.update(dict(frappe.get_all(MAPPING, fields=["name", "platform"], as_list=True)))
	return owners


def chosen_reader(doc) -> str | None:
	"""The mapping or preset the import names; None: recognise the format."""
	return doc.mapping or (doc.preset if doc.preset and doc.preset != AUTO else None)


def mismatch_message(reader_platform: str, account: str, platform: str) -> str:
	return _(
		"This file is an export from {0}, but the account {1} is on {2}. Attach this account's own export, or import the file into the account it came from."
	).format(_(reader_platform), account, _(platform))


def check_reader(doc, platform: str | None, owners: dict[str, str | None] | None = None) -> None:
	"""Refuse a chosen preset or mapping of another platform than the account's (``owners``:
	``reader_platforms()``, read here when not given)."""
	reader = chosen_reader(doc)
	if not reader:
		return
	owners = reader_platforms() if owners is None else owners
	owner = owners.get(reader)
	if post_import.readers_for([reader], owners, platform)[1]:
		frappe.throw(
			_(
				"The format {0} reads exports of {1}, but the account {2} is on {3}. Choose a format of {3}, or Recognise Automatically."
			).format(_(reader), _(owner), doc.account_name or doc.account, _(platform)),
			PostImportError,
		)


@frappe.whitelist()
def presets_for(account: str) -> list[str]:
	"""The presets the import form offers for ``account``: those of its platform or of none."""
	frappe.get_doc("Social Media Account", account).check_permission("read")
	platform = frappe.db.get_value("Social Media Account", account, "platform")
	return post_import.readers_for(post_import.PRESETS, reader_platforms(), platform)[0]


def run_import(doc) -> dict:
	path = frappe.get_doc("File", {"file_url": doc.import_file}).get_full_path()
	platform = frappe.db.get_value("Social Media Account", doc.account, "platform")
	owners = reader_platforms()
	check_reader(doc, platform, owners)
	if chosen_reader(doc):
		mappings = (
			saved_mappings(doc.mapping) if doc.mapping else {doc.preset: post_import.PRESETS[doc.preset]}
		)
		others = {}
	else:
		readers = {**post_import.PRESETS, **saved_mappings()}
		own, foreign = post_import.readers_for(readers, owners, platform)
		mappings = {name: readers[name] for name in own}
		others = {name: readers[name] for name in foreign}
	now = now_datetime()
	rows = rows_of(path)
	found, name, header_at, other = {}, None, 0, None
	seen_headings = []
	for number, cells in enumerate(rows, start=1):
		name, found = post_import.detect(cells, mappings)
		filled = [str(c) for c in cells if c not in (None, "")]
		if len(filled) > len(seen_headings):  # the widest row is the headings' best guess
			seen_headings = filled
		if name:
			header_at = number
			break
		other = other or post_import.detect(cells, others)[0]
		if number >= HEADER_SEARCH_ROWS:
			break
	if not name and other:
		raise PostImportError(mismatch_message(owners[other], doc.account_name or doc.account, platform))
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
