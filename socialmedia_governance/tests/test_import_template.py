# Copyright (c) 2026, socialmedia_governance developers and contributors
"""H7.1 (accounts opened earlier must file now): the shipped Excel template imports existing accounts
through Frappe's Data Import; a bad row is reported in Chinese and the good rows are imported."""

import io
import json
import os
from unittest.mock import patch

import frappe
from frappe.core.doctype.data_import.data_import import DataImport
from frappe.core.doctype.data_import.importer import Importer
from openpyxl import load_workbook

from socialmedia_governance.tests.base import SchoolTestCase

HEX = str.maketrans("ghijklmnopqrstuvwxyz", "0123456789abcdef0123")
TEMPLATES = os.path.join(os.path.dirname(__file__), "..", "documents", "templates")


class TestImportTemplate(SchoolTestCase):
	def test_h7_1_retroactive_import_reports_bad_row_in_zh_and_imports_good_row(self):
		wb = load_workbook(os.path.join(TEMPLATES, "import_accounts.xlsx"))
		ws = wb.active
		header = [c.value for c in ws[1]]
		self.assertIn("账号名称 (account_name)", header)
		self.assertIn("主办单位 (owner_unit)", header)
		unit = self.s.units["kj"]
		tag = frappe.generate_hash(length=6)
		good = {
			"account_name": f"会计学院团委-{tag}",
			"platform": "微信公众号",
			"platform_id": "gh_" + frappe.generate_hash(length=12).lower()[:12].translate(HEX),
			"owner_unit": unit,
			"purpose": "发布团学活动",
			"is_retroactive": 1,
			"opened_on": "2019-09-01",
		}
		bad = dict(good, account_name=f"错误账号-{tag}", platform_id="不是原始ID!!")
		for row in (good, bad):
			ws.append([row.get(h.rsplit("(", 1)[1].rstrip(")")) for h in header])
		out = io.BytesIO()
		wb.save(out)
		file_url = (
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"import-{tag}.xlsx",
					"content": out.getvalue(),
					"is_private": 1,
				}
			)
			.insert(ignore_permissions=True)
			.file_url
		)
		# the importer translates in the importing user's language (Importer sets it from the User)
		frappe.db.set_value("User", "Administrator", "language", "zh")
		frappe.local.lang = "zh"
		data_import: DataImport = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "Social Media Account",
				"import_type": "Insert New Records",
				"import_file": file_url,
			}
		).insert()
		preview = data_import.get_preview_from_template()
		mapped = [c.get("df", {}).get("fieldname") if c.get("df") else None for c in preview["columns"]]
		self.assertIn("account_name", mapped)
		self.assertIn("owner_unit", mapped)
		frappe.clear_messages()  # the log keeps the import's own messages only
		# The importer commits after each good row and rolls back after a bad one; inside a test both
		# are kept within the test's transaction (a savepoint) so that nothing outlives the test.
		frappe.db.savepoint("smg_import")
		rollback = frappe.db.rollback
		with (
			patch.object(frappe.db, "commit", lambda *a, **k: frappe.db.savepoint("smg_import")),
			patch.object(frappe.db, "rollback", lambda *a, **k: rollback(save_point="smg_import")),
		):
			Importer("Social Media Account", data_import=data_import).import_data()
		data_import.reload()
		self.assertEqual(data_import.status, "Partial Success")

		imported = frappe.get_all(
			"Social Media Account",
			filters={"account_name": good["account_name"]},
			fields=["name", "owner_unit", "is_retroactive", "status", "opened_on", "platform_id"],
		)
		self.assertEqual(len(imported), 1)
		self.assertEqual(
			(
				imported[0].owner_unit,
				imported[0].is_retroactive,
				imported[0].status,
				str(imported[0].opened_on),
			),
			(unit, 1, "Draft", "2019-09-01"),
		)
		self.assertFalse(frappe.db.exists("Social Media Account", {"account_name": bad["account_name"]}))
		logs = frappe.get_all(
			"Data Import Log",
			filters={"data_import": data_import.name, "success": 0},
			fields=["messages", "row_indexes"],
		)
		self.assertEqual(len(logs), 1)
		message = json.loads(logs[0].messages)[0]["message"]
		self.assertIn("不是原始ID!!", message)
		self.assertIn("不是有效的微信公众号", message)  # the reason, in Chinese
		self.assertEqual(json.loads(logs[0].row_indexes), [3])  # the second data row of the sheet
