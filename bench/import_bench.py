"""Benchmark: a platform export imported with memory that does not grow with the file (issue 19).

    cd $BENCH_DIR/sites && ../env/bin/python /path/to/repo/bench/import_bench.py --site SITE \
        [--rows 20000,100000,200000] [--formats xlsx,csv] [--seed 1]

For each size and format it writes a seeded export shaped like the WeChat official-account back
end's content-analysis export (公众号后台 → 内容分析 → 导出: a title row, then Chinese headings, some
the app reads and some it ignores, dates as date cells in .xlsx and text in .csv, figures such as
"10万+", one bad row in a thousand). Formats: ``xlsx`` as Excel, WPS and the platforms' back ends
save a workbook (text in one shared-strings table), ``inline.xlsx`` as openpyxl and streaming
writers save it (text in the cells), ``csv`` (UTF-8 with a BOM). It writes the file into the
site's private files, attaches it to a Post Import of an existing account (a seeded choice among
the site's active WeChat official accounts, a different one per file) and runs
``socialmedia_governance.monitoring.imports.execute`` (the background job that Post Import's Import
button queues for a large file) in a fresh Python process of its own, then commits as the job
runner would. It reports wall time, rows imported / failed, the process's peak RSS (``VmHWM``,
reset just before the import, as bench/ledger_bench.py does) and the RSS the import added to what
the process held before it. For an .xlsx it also reads the rows alone (no database) in two more
fresh processes, with openpyxl's read-only worksheet (the importer's reader before 2026-11-30) and
with the importer's reader, and reports the RSS each added.

Afterwards it removes everything it added: the posts (their links start with
``https://mp.weixin.qq.com/s/ImpBench``, the marker, on the accounts it chose), the Post Import, the
File row and the file, the naming series' counter; and checks that the row counts are as before.
Goal: peak memory roughly flat from 20,000 to 200,000 rows.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta

import frappe

MARKER = "https://mp.weixin.qq.com/s/ImpBench"
FILE_PREFIX = "import-bench-"
# The WeChat back end's content-analysis export: the app reads 内容标题, 发表时间, 总阅读人数, 分享人数,
# 在看人数, 点赞人数, 留言数 and 文章链接; the others are ignored.
HEADINGS = (
	"内容标题",
	"发表时间",
	"总阅读人数",
	"总阅读次数",
	"分享人数",
	"分享次数",
	"在看人数",
	"点赞人数",
	"留言数",
	"阅读后关注人数",
	"送达人数",
	"文章链接",
)
CATEGORIES = (
	"通知公告",
	"学术讲座",
	"招生就业",
	"校园生活",
	"党建思政",
	"科研动态",
	"毕业季",
	"志愿服务",
	"安全教育",
	"心理健康",
)
SUBJECTS = (
	"开学典礼",
	"图书馆开放时间",
	"研究生招生复试",
	"春季运动会",
	"奖学金评审结果",
	"实验室安全检查",
	"寒假放假安排",
	"校园招聘会",
	"学术报告",
	"社团招新",
	"食堂菜品调整",
	"宿舍用电安全",
	"毕业生离校手续",
	"创新创业大赛",
	"校友返校日",
)
FORMS = (
	"关于{0}的通知",
	"{0}顺利举行",
	"{0}｜这些事项请注意",
	"第{1}期｜{0}",
	"{0}：{1}名师生参加",
	"图文直播｜{0}",
)
TABLES = ("Published Post", "Post Import", "File", "Deleted Document", "Version")
TOKEN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


# ------------------------------------------------------------------ the export files


def export_rows(count: int, seed: int, now: datetime):
	"""``count`` data rows, newest first, as the back end lists them (values as Python objects)."""
	rng = random.Random(seed)
	span = 3 * 365 * 86400
	moments = sorted(rng.randrange(span) for _ in range(count))  # newest first
	for n, back in enumerate(moments):
		subject = rng.choice(SUBJECTS)
		title = f"【{rng.choice(CATEGORIES)}】" + rng.choice(FORMS).format(subject, rng.randint(2, 999))
		reads = int(rng.lognormvariate(6.5, 1.2))
		shares = int(reads * rng.uniform(0.005, 0.06))
		token = "".join(rng.choice(TOKEN) for _ in range(14))
		row = [
			title,
			(now - timedelta(seconds=back + 3600)).replace(second=0, microsecond=0),
			"10万+" if reads > 100_000 else reads,
			int(reads * rng.uniform(1.05, 1.6)),
			shares,
			int(shares * rng.uniform(1.0, 1.4)),
			int(reads * rng.uniform(0.002, 0.02)),
			int(reads * rng.uniform(0.005, 0.04)),
			int(reads * rng.uniform(0.0, 0.004)),
			int(reads * rng.uniform(0.0, 0.003)),
			int(reads * rng.uniform(1.5, 4.0)),
			f"{MARKER}{n:08d}{token}",
		]
		if n % 1000 == 999:  # one bad row in a thousand, as hand-edited exports have
			if rng.random() < 0.5:
				row[1] = "--"
			else:
				row[2] = "很多"
		yield row


XLSX_PARTS = {
	"[Content_Types].xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
</Types>""",
	"_rels/.rels": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
</Relationships>""",
	"xl/workbook.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
<sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>""",
	"xl/_rels/workbook.xml.rels": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
</Relationships>""",
	"xl/styles.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>\
<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>\
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>\
<borders count="1"><border/></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>""",
}
EXCEL_EPOCH = datetime(1899, 12, 30)


def _column(index: int) -> str:
	name = ""
	index += 1
	while index:
		index, rest = divmod(index - 1, 26)
		name = chr(65 + rest) + name
	return name


def write_shared_strings_xlsx(path: str, rows, last_row: int, columns: int) -> None:
	"""An .xlsx as Excel, WPS and the platforms' Java back ends save it: every text cell an index into
	one shared-strings table (openpyxl writes inline strings instead). Written as a stream."""
	import zipfile
	from xml.sax.saxutils import escape

	strings: dict[str, int] = {}
	with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
		for part, xml in XLSX_PARTS.items():
			book.writestr(part, xml)
		with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
			sheet.write(
				b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet'
				b' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
				+ f'<dimension ref="A1:{_column(columns - 1)}{last_row}"/><sheetData>'.encode()
			)
			for r, row in enumerate(rows, start=1):
				cells = []
				for c, value in enumerate(row):
					ref = f"{_column(c)}{r}"
					if value is None:
						continue
					if isinstance(value, datetime):
						serial = (value - EXCEL_EPOCH).total_seconds() / 86400
						cells.append(f'<c r="{ref}" s="1"><v>{serial:.10f}</v></c>')
					elif isinstance(value, int | float):
						cells.append(f'<c r="{ref}"><v>{value}</v></c>')
					else:
						index = strings.setdefault(str(value), len(strings))
						cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
				sheet.write(f'<row r="{r}">{"".join(cells)}</row>'.encode())
			sheet.write(b"</sheetData></worksheet>")
		with book.open("xl/sharedStrings.xml", "w") as table:
			table.write(
				b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst'
				b' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
				+ f' count="{len(strings)}" uniqueCount="{len(strings)}">'.encode()
			)
			for text in strings:
				table.write(f"<si><t>{escape(text)}</t></si>".encode())
			table.write(b"</sst>")


def write_export(path: str, count: int, seed: int, now: datetime) -> None:
	"""The export ``count`` rows long at ``path``: ``.xlsx`` (shared strings, as Excel and WPS save
	it), ``.inline.xlsx`` (inline strings, as openpyxl and streaming writers save it) or ``.csv``
	(UTF-8 with a BOM)."""
	title = f"公众号图文数据导出（{(now - timedelta(days=3 * 365)):%Y-%m-%d} 至 {now:%Y-%m-%d}）"
	if path.endswith(".inline.xlsx"):
		from openpyxl import Workbook
		from openpyxl.cell import WriteOnlyCell

		book = Workbook(write_only=True)
		sheet = book.create_sheet("数据")
		sheet.append([title])
		sheet.append(list(HEADINGS))
		for row in export_rows(count, seed, now):
			cell = WriteOnlyCell(sheet, value=row[1])
			if isinstance(row[1], datetime):
				cell.number_format = "yyyy-mm-dd hh:mm"
			row[1] = cell
			sheet.append(row)
		book.save(path)
		return
	if path.endswith(".xlsx"):
		write_shared_strings_xlsx(path, _with_head(title, count, seed, now), count + 2, len(HEADINGS))
		return
	with open(path, "w", encoding="utf-8-sig", newline="") as f:
		writer = csv.writer(f)
		writer.writerow([title])
		writer.writerow(HEADINGS)
		for row in export_rows(count, seed, now):
			if isinstance(row[1], datetime):
				row[1] = row[1].strftime("%Y-%m-%d %H:%M")
			writer.writerow(row)


def _with_head(title: str, count: int, seed: int, now: datetime):
	yield [title]
	yield list(HEADINGS)
	yield from export_rows(count, seed, now)


# ------------------------------------------------------------------ memory (as bench/ledger_bench.py)


def peak_rss_mb() -> float:
	with open("/proc/self/status") as f:
		for line in f:
			if line.startswith("VmHWM:"):
				return int(line.split()[1]) / 1024
	raise RuntimeError("no VmHWM in /proc/self/status")


def reset_peak() -> bool:
	try:
		with open("/proc/self/clear_refs", "w") as f:
			f.write("5")  # resets VmHWM to the current RSS (Linux >= 4.0)
		return True
	except OSError:
		return False


def current_rss_mb() -> float:
	with open("/proc/self/statm") as f:
		return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# ------------------------------------------------------------------ in processes of their own


def reader_child(path: str, reader: str) -> None:
	"""Only read the file's rows: with openpyxl's read-only worksheet (the importer's reader before
	2026-11-30) or with the importer's reader (``imports.rows_of``)."""
	import openpyxl.reader.excel
	import openpyxl.worksheet._reader  # noqa: F401  (code loaded before the measurement)

	from socialmedia_governance.monitoring import imports

	reset_peak()
	before = current_rss_mb()
	started = time.perf_counter()
	if reader == "openpyxl":
		book = openpyxl.load_workbook(path, read_only=True, data_only=True)
		rows = sum(1 for _row in book.worksheets[0].iter_rows(values_only=True))
		book.close()
	else:
		rows = sum(1 for _row in imports.rows_of(path))
	print(
		json.dumps(
			{"rows": rows, "seconds": time.perf_counter() - started, "added_mb": peak_rss_mb() - before}
		)
	)


def child(site: str, name: str) -> None:
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		frappe.local.lang = "zh"
		import openpyxl.reader.excel  # noqa: F401  (code loaded before the measurement, not counted)

		from socialmedia_governance.monitoring import imports

		for doctype in ("Post Import", "File", "Published Post", "Social Media Account"):
			frappe.get_meta(doctype)
		reset = reset_peak()
		before = current_rss_mb()
		started = time.perf_counter()
		imports.execute(name)
		frappe.db.commit()  # as the job runner does after the job
		seconds = time.perf_counter() - started
		peak = peak_rss_mb()
		doc = frappe.db.get_value(
			"Post Import",
			name,
			["status", "rows_new", "rows_known", "rows_failed", "format_used"],
			as_dict=True,
		)
		print(
			json.dumps(
				{
					"seconds": seconds,
					"rss_before_mb": before,
					"peak_rss_mb": peak,
					"added_mb": peak - before,
					"peak_reset": reset,
					**doc,
				},
				ensure_ascii=False,
			)
		)
	finally:
		frappe.destroy()


# ------------------------------------------------------------------ the parent


def counts() -> dict[str, int]:
	return {t: frappe.db.count(t) for t in TABLES}


def series_key() -> str:
	return f"PI-{datetime.now():%Y}-"


def remove(accounts: list[str]) -> None:
	"""Everything a run added: the marked posts of these accounts, the benchmark's Post Imports and
	their File rows and files (a File row's file may carry a suffix Frappe added to its name)."""
	if accounts:
		frappe.db.sql(
			"""delete from `tabPublished Post` where `account` in %(accounts)s and `link` like %(marker)s""",
			{"accounts": accounts, "marker": MARKER + "%"},
		)
	like = f"/private/files/{FILE_PREFIX}%"
	frappe.db.delete("Post Import", {"import_file": ("like", like)})
	for url in frappe.get_all("File", filters={"file_url": ("like", like)}, pluck="file_url"):
		path = frappe.get_site_path("private", "files", os.path.basename(url))
		if os.path.exists(path):
			os.remove(path)
	frappe.db.delete("File", {"file_url": ("like", like)})
	files_dir = frappe.get_site_path("private", "files")
	for name in os.listdir(files_dir):
		if name.startswith(FILE_PREFIX):
			os.remove(os.path.join(files_dir, name))
	frappe.db.commit()


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--rows", default="20000,100000,200000")
	parser.add_argument("--formats", default="xlsx,csv")
	parser.add_argument("--seed", type=int, default=1)
	parser.add_argument("--child")
	parser.add_argument("--reader-child", nargs=2, metavar=("PATH", "READER"))
	args = parser.parse_args()
	if args.child:
		return child(args.site, args.child)
	if args.reader_child:
		return reader_child(*args.reader_child)

	sizes = [int(n) for n in args.rows.split(",")]
	formats = [f.strip() for f in args.formats.split(",")]
	runs = [(size, fmt) for size in sizes for fmt in formats]
	frappe.init(site=args.site)
	frappe.connect()
	results = []
	try:
		# accounts on the platform whose export this is (an export of another is refused)
		from socialmedia_governance.policy.post_import import PRESET_PLATFORM

		platform = frappe.db.get_value(
			"Social Media Platform", {"platform_code": PRESET_PLATFORM["WeChat Official Account"]}
		)
		active = frappe.get_all(
			"Social Media Account",
			filters={"status": "Active", "platform": platform},
			pluck="name",
			order_by="name",
		)
		if len(active) < len(runs):
			raise SystemExit(
				"this site has too few active accounts: generate a school first (bench/generate.py)"
			)
		accounts = random.Random(args.seed).sample(active, len(runs))
		files_dir = frappe.get_site_path("private", "files")
		# what an interrupted run may have left behind
		stale = frappe.get_all(
			"Post Import",
			filters={"import_file": ("like", f"/private/files/{FILE_PREFIX}%")},
			pluck="account",
		)
		remove(stale)
		before = counts()
		key = series_key()
		series_before = frappe.db.sql("select `current` from `tabSeries` where `name` = %s", key)
		now = datetime.now().replace(microsecond=0)
		for (size, fmt), account in zip(runs, accounts, strict=True):
			path = os.path.join(files_dir, f"{FILE_PREFIX}{size}.{fmt}")
			started = time.perf_counter()
			write_export(path, size, args.seed + size, now)
			written = time.perf_counter() - started
			readers = {}
			if fmt.endswith("xlsx"):
				for reader in ("openpyxl", "app"):
					cmd = [sys.executable, os.path.abspath(__file__), "--site", args.site]
					out = subprocess.run(
						[*cmd, "--reader-child", path, reader], capture_output=True, text=True, check=True
					)
					readers[reader] = json.loads(out.stdout.strip().splitlines()[-1])
			try:
				file_doc = frappe.get_doc(
					{
						"doctype": "File",
						"file_name": os.path.basename(path),
						"file_url": "/private/files/" + os.path.basename(path),
						"is_private": 1,
					}
				).insert(ignore_permissions=True)
				doc = frappe.get_doc(
					{
						"doctype": "Post Import",
						"account": account,
						"import_file": file_doc.file_url,
						"preset": "Recognise Automatically",
					}
				).insert(ignore_permissions=True)
				frappe.db.commit()
				cmd = [sys.executable, os.path.abspath(__file__), "--site", args.site, "--child", doc.name]
				out = subprocess.run(cmd, capture_output=True, text=True)
				if out.returncode:
					raise SystemExit(f"the import failed:\n{out.stderr[-4000:]}")
				result = json.loads(out.stdout.strip().splitlines()[-1])
				stored = frappe.db.sql(
					"""select count(*) from `tabPublished Post` where `account` = %s and `link` like %s""",
					(account, MARKER + "%"),
				)[0][0]
				result.update(
					rows=size,
					format=fmt,
					account=account,
					bytes=os.path.getsize(path),
					written_s=written,
					stored=stored,
					readers=readers,
					load="{:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
				)
			finally:
				remove([account])
			assert result["stored"] == result["rows_new"], result
			results.append(result)
			print(json.dumps(result, ensure_ascii=False), flush=True)
		if series_before:
			frappe.db.sql(
				"update `tabSeries` set `current` = %s where `name` = %s", (series_before[0][0], key)
			)
		else:
			frappe.db.sql("delete from `tabSeries` where `name` = %s", key)
		frappe.db.commit()
		after = counts()
	finally:
		frappe.destroy()

	print(
		f"WeChat official-account export (公众号 content analysis), {len(HEADINGS)} columns, imported through"
		" monitoring.imports.execute, each import in a fresh process"
	)
	print(
		f"{'format':<12}{'rows':>9}{'MB file':>9}{'seconds':>9}{'rows/s':>8}{'new':>9}{'failed':>7}"
		f"{'RSS before':>12}{'peak RSS':>10}{'added MB':>10}  load"
	)
	for r in results:
		print(
			f"{r['format']:<12}{r['rows']:>9}{r['bytes'] / 2**20:>9.1f}{r['seconds']:>9.1f}"
			f"{r['rows'] / r['seconds']:>8.0f}{r['rows_new']:>9}{r['rows_failed']:>7}"
			f"{r['rss_before_mb']:>12.0f}{r['peak_rss_mb']:>10.0f}{r['added_mb']:>10.0f}  {r['load']}"
		)
	print(f"site rows before {before}, after {after}: {'unchanged' if before == after else 'CHANGED'}")
	if any(r["readers"] for r in results):
		print("reading the rows only (no database), each in a fresh process: RSS added by the reader")
		print(f"{'format':<12}{'rows':>9}{'openpyxl read-only s':>22}{'MB':>6}{'importer s':>12}{'MB':>6}")
		for r in results:
			if r["readers"]:
				old, new = r["readers"]["openpyxl"], r["readers"]["app"]
				print(
					f"{r['format']:<12}{r['rows']:>9}{old['seconds']:>22.1f}{old['added_mb']:>6.0f}"
					f"{new['seconds']:>12.1f}{new['added_mb']:>6.0f}"
				)
	growth = []
	for fmt in formats:
		mine = sorted((r for r in results if r["format"] == fmt), key=lambda r: r["rows"])
		if len(mine) >= 2:
			small, large = mine[0], mine[-1]
			growth.append(
				f"{fmt} {small['rows']:,}→{large['rows']:,} rows: peak {small['peak_rss_mb']:.0f}→{large['peak_rss_mb']:.0f} MB"
				f" (added {small['added_mb']:.0f}→{large['added_mb']:.0f} MB)"
			)
	largest = max(results, key=lambda r: (r["rows"], r["peak_rss_mb"]))
	ratio = max(
		(
			max(r["peak_rss_mb"] for r in results if r["format"] == fmt)
			/ min(r["peak_rss_mb"] for r in results if r["format"] == fmt)
			for fmt in formats
		),
		default=1.0,
	)
	la = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
	print(
		f"summary: platform export import (WeChat 公众号 .xlsx/.csv), {largest['rows']:,} rows, peak RSS"
		f" | flat from {min(sizes):,} to {max(sizes):,} rows | {'; '.join(growth) or '-'}"
		f" | largest / smallest peak {ratio:.2f}× | {la}"
	)


if __name__ == "__main__":
	main()
