# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Issue 19, slice 4: platform exports in — presets for the WeChat official-account back end, Weibo,
Douyin and Bilibili (.xlsx and .csv, UTF-8 and GBK), a saved mapping for an unknown export, bad rows
reported in Chinese with their row number, and a re-import that never duplicates a post."""

import csv
import io
import zipfile
from datetime import datetime, timedelta
from unittest import mock
from xml.sax.saxutils import escape

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import Workbook, load_workbook

from socialmedia_governance.monitoring import imports
from socialmedia_governance.tests.factories import make_account, make_active, make_school

POST = "Published Post"
DAY = datetime.now().replace(microsecond=0) - timedelta(days=10)


def xlsx(rows) -> bytes:
	book = Workbook()
	sheet = book.active
	for row in rows:
		sheet.append(row)
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


def csv_bytes(rows, encoding="utf-8-sig") -> bytes:
	out = io.StringIO()
	csv.writer(out).writerows(rows)
	return out.getvalue().encode(encoding)


def excel_saved(rows) -> bytes:
	"""An .xlsx as Excel and WPS save it (openpyxl writes inline strings instead): text cells are
	numbers into one shared-strings table, here with a rich-text string whose phonetic guide is not
	text, an escaped underscore, no <dimension>, and a row left out of the sheet (row 4)."""
	ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
	rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
	strings, cells_xml = {}, []
	number = 0
	for row in rows:
		number += 1
		if number == 4:
			number += 1  # the file leaves row 4 out: it is an empty row
		cells = []
		for c, value in enumerate(row):
			ref = f"{chr(65 + c)}{number}"
			if value is None:
				continue
			if isinstance(value, datetime):
				serial = (value - datetime(1899, 12, 30)).total_seconds() / 86400
				cells.append(f'<c r="{ref}" s="1"><v>{serial}</v></c>')
			elif isinstance(value, int):
				cells.append(f'<c r="{ref}"><v>{value}</v></c>')
			else:
				cells.append(f'<c r="{ref}" t="s"><v>{strings.setdefault(value, len(strings))}</v></c>')
		cells_xml.append(f'<row r="{number}">{"".join(cells)}</row>')

	def si(text):
		if text.startswith("【图文】"):  # rich text: two runs and a phonetic guide
			return f"<si><r><t>【图文】</t></r><r><rPr><b/></rPr><t>{escape(text[4:])}</t></r><rPh sb='0' eb='1'><t>ずぶん</t></rPh></si>"
		return f"<si><t>{escape(text)}</t></si>"

	parts = {
		"[Content_Types].xml": f'''<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/></Types>''',
		"_rels/.rels": f'''<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>''',
		"xl/workbook.xml": f'''<workbook {ns} xmlns:r="{rel}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>''',
		"xl/_rels/workbook.xml.rels": f'''<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>''',
		"xl/styles.xml": f"""<styleSheet {ns}><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""",
		"xl/worksheets/sheet1.xml": f"<worksheet {ns}><sheetData>{''.join(cells_xml)}</sheetData></worksheet>",
		"xl/sharedStrings.xml": f'<sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">{"".join(si(t) for t in strings)}</sst>',
	}
	out = io.BytesIO()
	with zipfile.ZipFile(out, "w") as book:
		for name, xml in parts.items():
			book.writestr(name, xml)
	return out.getvalue()


WECHAT = [
	["公众号图文数据导出"],  # a title row before the headings, as the back end writes
	["内容标题", "发表时间", "总阅读人数", "分享人数", "在看人数", "点赞人数", "留言数"],
	["开学典礼隆重举行", DAY, 1520, 33, 12, 80, 5],
	[
		"图书馆延长开放时间",
		(DAY + timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
		"1.2万",
		"10",
		"2",
		"5",
		"0",
	],
	["坏日期", "昨天", 10, 1, 1, 1, 1],
	["坏数字", DAY.strftime("%Y/%m/%d %H:%M"), "很多", 1, 1, 1, 1],
	[None, None, None, None, None, None, None],
	["", DAY.strftime("%Y-%m-%d"), 1, 1, 1, 1, 1],
]


class TestPostImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = make_school()
		frappe.db.commit()

	def setUp(self):
		# an account of its own per test (a failed import commits its failure, and what came before)
		s = self.s
		self.account = make_active(
			make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}])
		).name

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"
		frappe.db.rollback()

	def attach(self, name: str, content: bytes) -> str:
		doc = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{frappe.generate_hash(length=6)}-{name}",
				"content": content,
				"is_private": 1,
			}
		).insert(ignore_permissions=True)
		return doc.file_url

	def run_import(self, name, content, **values):
		doc = frappe.get_doc(
			{
				"doctype": "Post Import",
				"account": self.account,
				"import_file": self.attach(name, content),
				**values,
			}
		).insert()
		imports.run(doc.name)
		return frappe.get_doc("Post Import", doc.name)

	def posts(self):
		return frappe.get_all(
			POST,
			filters={"account": self.account},
			fields=["title", "reads", "wow", "source"],
			order_by="title",
		)

	def test_wechat_export_good_rows_in_bad_rows_reported_in_chinese_with_row_numbers(self):
		frappe.set_user(self.s.u("admin_kj"))
		frappe.local.lang = "zh"
		doc = self.run_import("公众号.xlsx", xlsx(WECHAT))
		self.assertEqual(doc.status, "Imported with Errors")
		self.assertEqual(doc.format_used, "微信公众号")
		self.assertEqual((doc.rows_new, doc.rows_known, doc.rows_failed), (2, 0, 3))
		log = doc.error_log.splitlines()
		self.assertEqual(len(log), 3)
		self.assertTrue(log[0].startswith("第 5 行："), log[0])  # row numbers as in the spreadsheet
		self.assertIn("不是有效的日期时间", log[0])
		self.assertTrue(
			log[1].startswith("第 6 行：") and "不是数字" in log[1] and "阅读数" in log[1], log[1]
		)
		self.assertTrue(log[2].startswith("第 8 行：") and "既无标题也无链接" in log[2], log[2])
		rows = {p.title: p for p in self.posts()}
		self.assertEqual(rows["开学典礼隆重举行"].reads, 1520)
		self.assertEqual(rows["开学典礼隆重举行"].wow, 12)
		self.assertEqual(rows["图书馆延长开放时间"].reads, 12000)

	def test_re_import_never_duplicates_and_raises_figures(self):
		self.run_import("a.xlsx", xlsx(WECHAT))
		newer = [list(r) for r in WECHAT]
		newer[2][2] = 3000
		doc = self.run_import("b.xlsx", xlsx(newer))
		self.assertEqual((doc.rows_new, doc.rows_known), (0, 2))
		self.assertEqual(len(self.posts()), 2)
		self.assertEqual({p.title: p.reads for p in self.posts()}["开学典礼隆重举行"], 3000)

	def test_weibo_csv_in_gbk_douyin_and_bilibili_presets(self):
		when = DAY.strftime("%Y-%m-%d %H:%M")
		weibo = [
			["微博内容", "发布时间", "阅读数", "转发数", "评论数", "点赞数", "微博链接"],
			["校运会开幕", when, "2.5万", 10, 3, 99, "https://weibo.com/1/A"],
		]
		douyin = [
			["作品名称", "发布时间", "播放量", "点赞量", "评论量", "分享量", "作品链接"],
			["毕业季", when, 8800, 300, 20, 15, "https://www.douyin.com/video/1"],
		]
		bilibili = [
			["稿件标题", "BV号", "投稿时间", "播放", "点赞", "评论", "分享"],
			["校园vlog", "BV1xx411c7mD", when, 1200, 50, 8, 3],
		]
		accounts = []
		for name, content, fmt, platform in (
			("weibo.csv", csv_bytes(weibo, "gb18030"), "Weibo", "新浪微博"),
			("douyin.xlsx", xlsx(douyin), "Douyin", "抖音"),
			("bilibili.csv", csv_bytes(bilibili), "Bilibili", "哔哩哔哩"),
		):
			with self.subTest(name=name):
				self.account = self.platform_account(platform)
				accounts.append(self.account)
				doc = self.run_import(name, content)
				self.assertEqual((doc.status, doc.format_used, doc.rows_new), ("Imported", fmt, 1))
		links = set(frappe.get_all(POST, filters={"account": accounts[2]}, pluck="link"))
		self.assertIn("https://www.bilibili.com/video/BV1xx411c7mD", links)
		self.account = accounts[0]
		self.assertEqual({p.title: p.reads for p in self.posts()}["校运会开幕"], 25000)

	def platform_account(self, platform: str) -> str:
		s = self.s
		return make_active(
			make_account(s.units["kj"], platform=platform, administrators=[{"user": s.u("admin_kj")}])
		).name

	def test_the_form_offers_the_formats_of_the_accounts_platform(self):
		offered = {
			p: imports.presets_for(self.platform_account(p)) for p in ("新浪微博", "微信公众号", "快手")
		}
		self.assertEqual(
			offered, {"新浪微博": ["Weibo"], "微信公众号": ["WeChat Official Account"], "快手": []}
		)
		frappe.set_user(self.s.u("xx_dean"))
		with self.assertRaises(frappe.PermissionError):
			imports.presets_for(self.account)

	def test_an_export_of_another_platform_is_refused_in_words_and_loses_nothing(self):
		"""A WeChat export into a Weibo account: recognised, chosen or by a bound mapping, refused."""
		self.account = self.platform_account("新浪微博")
		frappe.local.lang = "zh"
		name = frappe.db.get_value("Social Media Account", self.account, "account_name")
		with self.assertRaises(imports.PostImportError) as raised:
			self.run_import("公众号.xlsx", xlsx(WECHAT))
		self.assertEqual(
			str(raised.exception),
			f"该文件是微信公众号的导出文件，但账号“{name}”在新浪微博上。请附上该账号自己的导出文件，或将文件导入到它所属的账号。",
		)
		with self.assertRaises(imports.PostImportError) as raised:  # the preset chosen: refused at save
			self.run_import("公众号.xlsx", xlsx(WECHAT), preset="WeChat Official Account")
		self.assertEqual(
			str(raised.exception),
			f"所选格式“微信公众号”读取的是微信公众号的导出文件，但账号“{name}”在新浪微博上。请选择新浪微博的格式，或选择“自动识别”。",
		)
		mapping = frappe.get_doc(
			{
				"doctype": "Post Import Mapping",
				"mapping_name": f"抖音后台{frappe.generate_hash(length=4)}",
				"platform": "抖音",
				"columns": [
					{"heading": "内容标题", "field": "Title"},
					{"heading": "发表时间", "field": "Published At"},
				],
			}
		).insert()
		with self.assertRaises(imports.PostImportError) as raised:
			self.run_import("公众号.xlsx", xlsx(WECHAT), mapping=mapping.name)
		self.assertIn("读取的是抖音的导出文件", str(raised.exception))
		self.assertEqual(self.posts(), [])
		self.account = self.platform_account("微信公众号")  # its own account takes it
		self.assertEqual(self.run_import("公众号.xlsx", xlsx(WECHAT)).rows_new, 2)

	def test_an_unknown_export_is_refused_until_mapped_then_recognised(self):
		rows = [
			["日期", "题目", "网址", "浏览"],
			[DAY.strftime("%Y-%m-%d"), "校庆公告", "https://www.example.edu.cn/n/1", 77],
		]
		frappe.local.lang = "zh"
		with self.assertRaises(imports.PostImportError) as raised:
			self.run_import("site.csv", csv_bytes(rows))
		self.assertIn("日期, 题目, 网址, 浏览", str(raised.exception))
		self.assertIn("导入列对应关系", str(raised.exception))
		frappe.get_doc(
			{
				"doctype": "Post Import Mapping",
				"mapping_name": f"学校网站{frappe.generate_hash(length=4)}",
				"columns": [
					{"heading": "日期", "field": "Published At"},
					{"heading": "题目", "field": "Title"},
					{"heading": "网址", "field": "Link"},
					{"heading": "浏览", "field": "Reads"},
				],
			}
		).insert()
		doc = self.run_import("site2.csv", csv_bytes(rows))
		self.assertEqual((doc.status, doc.rows_new), ("Imported", 1))
		self.assertEqual(self.posts()[0].reads, 77)

	def test_not_a_workbook_fails_in_words_and_loses_nothing(self):
		self.run_import("a.xlsx", xlsx(WECHAT))
		frappe.local.lang = "zh"
		with self.assertRaises(imports.PostImportError) as raised:
			self.run_import("broken.xlsx", b"PK\x03\x04 not really a zip")
		self.assertIn(".xlsx", str(raised.exception))
		self.assertEqual(len(self.posts()), 2)

	def test_another_units_account_is_refused(self):
		frappe.set_user(self.s.u("xx_dean"))
		with self.assertRaises(frappe.PermissionError):
			self.run_import("a.xlsx", xlsx(WECHAT))

	def test_an_excel_saved_workbook_is_read_as_openpyxl_reads_it_with_its_strings_on_disk(self):
		# Excel, WPS and the platforms' back ends save text once in a shared-strings table; the
		# importer keeps that table in a temporary file and keeps no row it has read (issue 19:
		# memory that does not grow with the file), and reads what openpyxl reads
		rows = [
			["公众号图文数据导出"],
			["内容标题", "发表时间", "总阅读人数", "分享人数", "在看人数", "点赞人数", "留言数", "文章链接"],
			["【图文】开学典礼", DAY, 1520, 33, 12, 80, 5, "https://mp.weixin.qq.com/s/a1"],
			# (row 4 is left out of the file)
			[
				"学术报告_x005F_预告",
				DAY - timedelta(days=1),
				"10万+",
				1,
				1,
				1,
				1,
				"https://mp.weixin.qq.com/s/a2",
			],
			["坏日期", "昨天", 10, 1, 1, 1, 1, "https://mp.weixin.qq.com/s/a3"],
		]
		content = excel_saved(rows)
		path = frappe.get_doc("File", {"file_url": self.attach("excel.xlsx", content)}).get_full_path()
		sheet = load_workbook(io.BytesIO(content), data_only=True).worksheets[0]
		expected = [list(row) for row in sheet.iter_rows(values_only=True)]

		def trimmed(row):
			row = list(row)
			while row and row[-1] is None:
				row.pop()
			return row

		spilled = []
		original = imports._SharedStrings.__init__

		def spy(table, source):
			original(table, source)
			spilled.append(table)

		with mock.patch.object(imports._SharedStrings, "__init__", spy):
			read = list(imports.rows_of(path))
		self.assertEqual([trimmed(r) for r in read], [trimmed(r) for r in expected])
		self.assertEqual(read[2][0], "【图文】开学典礼")  # the runs' text, not the phonetic guide
		self.assertEqual(read[3], [])  # the row left out is an empty row
		self.assertEqual(read[4][0], "学术报告_预告")
		self.assertLess(abs((read[2][1] - DAY).total_seconds()), 1)  # a date cell
		self.assertEqual(len(spilled), 1)
		self.assertEqual(len(spilled[0]), 17)  # every distinct text, in the table on disk
		with self.assertRaises(Exception):  # closed once read: its file is gone
			spilled[0][0]

		frappe.local.lang = "zh"
		doc = self.run_import("excel2.xlsx", content)
		self.assertEqual((doc.rows_new, doc.rows_failed), (2, 1))
		self.assertTrue(doc.error_log.startswith("第 6 行："), doc.error_log)  # numbered as in Excel
		self.assertEqual(
			{p.title: p.reads for p in self.posts()}, {"【图文】开学典礼": 1520, "学术报告_预告": 100000}
		)
