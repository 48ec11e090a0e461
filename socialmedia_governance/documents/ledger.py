"""The registers as Excel ledgers (台账): every account or group the user may see, one row each.

Rows are read in chunks through ``frappe.get_list`` (so the permission query conditions of
socialmedia_governance/permissions.py apply: a counsellor exports her classes only) and streamed into an
openpyxl write-only workbook, so memory stays flat however long the register is. Text is written as text:
cells that a spreadsheet would run as a formula (=, +, -, @) get a leading apostrophe."""

from __future__ import annotations

import datetime
import io
import json
import tempfile
from collections.abc import Iterator

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from socialmedia_governance.documents.forms import plain

CHUNK = 2000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LEDGER_DOCTYPES = ("Social Media Account", "Social Media Group")

# (key, English heading translated to zh, width); keys are fields of the register or computed below
COLUMNS = {
	"Social Media Account": [
		("idx", "No.", 6),
		("owner_unit", "Owner Unit", 24),
		("tier", "Tier", 6),
		("platform", "Platform", 14),
		("account_name", "Account Name", 26),
		("platform_id", "Platform ID", 20),
		("url", "Homepage URL", 30),
		("administrators", "Administrators", 30),
		("responsible_person_name", "First Responsible Person", 14),
		("supervisor_name", "Supervisor", 14),
		("supervisor_unit", "Supervising Unit", 22),
		("filing_number", "Filing Number", 18),
		("status", "Status", 10),
		("opened_on", "Opened On", 12),
		("filed_on", "Filed On", 12),
		("certification_status", "Certification", 10),
		("is_retroactive", "Retroactive Filing", 10),
		("last_review", "Last Annual Review", 14),
		("name", "Register No.", 18),
	],
	"Social Media Group": [
		("idx", "No.", 6),
		("owner_unit", "Owner Unit", 24),
		("tier", "Tier", 6),
		("platform", "Platform", 12),
		("group_name", "Group Name", 26),
		("platform_id", "Group Number", 16),
		("group_owner_name", "Group Owner", 14),
		("administrators", "Administrators", 30),
		("responsible_person_name", "First Responsible Person", 14),
		("supervisor_name", "Supervisor", 14),
		("member_count", "Member Count", 10),
		("real_name_status", "Real-Name Membership", 12),
		("filing_number", "Filing Number", 18),
		("status", "Status", 10),
		("opened_on", "Opened On", 12),
		("filed_on", "Filed On", 12),
		("last_review", "Last Annual Review", 14),
		("name", "Register No.", 18),
	],
}
COMPUTED = {"idx", "administrators", "last_review"}
TRANSLATED = {"status", "certification_status", "real_name_status"}
DATES = {"opened_on", "filed_on"}


def check_doctype(doctype: str) -> None:
	if doctype not in LEDGER_DOCTYPES:
		frappe.throw(_("{0} has no ledger.").format(_(doctype)), frappe.ValidationError)
	frappe.has_permission(doctype, "read", throw=True)


def safe_text(value) -> str:
	"""Text as typed, never a formula, without characters XML cannot hold."""
	text = ILLEGAL_CHARACTERS_RE.sub("", plain(value))
	if text.startswith(FORMULA_START):
		text = "'" + text
	return text


def read_rows(doctype: str, filters=None, chunk: int = CHUNK) -> Iterator[list[dict]]:
	"""The user's rows in chunks (keyset pagination on name; permission conditions applied)."""
	fields = ["name"] + [key for key, _h, _w in COLUMNS[doctype] if key not in COMPUTED and key != "name"]
	last = ""
	while True:
		rows = frappe.get_list(
			doctype,
			fields=fields,
			filters=list(filters or []) + [[doctype, "name", ">", last]],
			order_by="name asc",
			limit_page_length=chunk,
		)
		if not rows:
			return
		yield rows
		last = rows[-1].name
		if len(rows) < chunk:
			return


def enrich(doctype: str, rows: list[dict], units: dict) -> None:
	names = [r.name for r in rows]
	admins: dict[str, list[str]] = {}
	for a in frappe.get_all(
		"Social Media Administrator",
		filters={"parenttype": doctype, "parent": ("in", names)},
		fields=["parent", "full_name", "user", "phone"],
		order_by="parent, idx",
	):
		label = a.full_name or a.user or ""
		admins.setdefault(a.parent, []).append(f"{label}（{a.phone}）" if a.phone else label)
	reviews: dict[str, str] = {}
	for r in frappe.get_all(
		"Annual Review",
		filters={"platform_doctype": doctype, "platform_record": ("in", names), "outcome": ("is", "set")},
		fields=["platform_record", "outcome", "campaign"],
		order_by="creation asc",
	):
		reviews[r.platform_record] = f"{r.campaign}：{_(r.outcome, 'zh')}"
	for r in rows:
		r["administrators"] = "；".join(admins.get(r.name, []))
		r["last_review"] = reviews.get(r.name, "")
		for key in ("owner_unit", "supervisor_unit"):
			if r.get(key):
				r[key] = units.get(r[key], r[key])


def cell_value(key: str, value):
	if value is None or value == "":
		return None
	if key in DATES:
		return getdate(value)
	if key in TRANSLATED:
		return _(value, "zh")
	if key == "is_retroactive":
		return "是" if value else "否"
	if isinstance(value, int | float | datetime.date):
		return value
	return safe_text(value)


def write_ledger(doctype: str, out, filters=None, chunk: int = CHUNK) -> int:
	"""Streams the ledger into ``out`` (a path or binary file); returns the number of rows."""
	columns = COLUMNS[doctype]
	wb = Workbook(write_only=True)
	ws = wb.create_sheet(_("Ledger", "zh"))
	ws.freeze_panes = "A2"
	for i, (_key, _heading, width) in enumerate(columns, 1):
		ws.column_dimensions[get_column_letter(i)].width = width
	bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
	header = []
	for _key, heading, _w in columns:
		cell = WriteOnlyCell(ws, value=_(heading, "zh"))
		cell.font, cell.fill, cell.alignment = bold, fill, Alignment(horizontal="center")
		header.append(cell)
	ws.append(header)
	units = dict(frappe.get_all("Organization Unit", fields=["name", "unit_name"], as_list=True))
	units = {k: plain(v) for k, v in units.items()}
	count = 0
	for rows in read_rows(doctype, filters, chunk):
		enrich(doctype, rows, units)
		for r in rows:
			count += 1
			r["idx"] = count
			ws.append([cell_value(key, r.get(key)) for key, _h, _w in columns])
	ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
	wb.save(out)
	return count


def ledger_bytes(doctype: str, filters=None) -> bytes:
	check_doctype(doctype)
	with tempfile.TemporaryFile() as f:
		write_ledger(doctype, f, filters)
		f.seek(0)
		return f.read()


@frappe.whitelist()
def export_ledger(doctype: str, filters: str | list | None = None):
	"""Download the register as an Excel ledger (only the rows the user may see)."""
	if isinstance(filters, str):
		filters = json.loads(filters or "[]")
	if isinstance(filters, dict):
		filters = [[doctype, k, "=", v] for k, v in filters.items()]
	content = ledger_bytes(doctype, filters)
	stamp = now_datetime().strftime("%Y%m%d")
	frappe.local.response.filename = f"{_(doctype, 'zh')}{_('Ledger', 'zh')}-{stamp}.xlsx"
	frappe.local.response.filecontent = content
	frappe.local.response.type = "download"


def read_back(content: bytes) -> list[list]:
	"""All rows of a ledger file (for tests and the import check)."""
	from openpyxl import load_workbook

	wb = load_workbook(io.BytesIO(content), read_only=True)
	return [list(row) for row in wb.active.iter_rows(values_only=True)]
