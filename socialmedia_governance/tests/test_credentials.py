# Copyright (c) 2026, socialmedia_governance developers and contributors
"""S17 / issue 9: no password is stored anywhere in the app's data.

Populates the site through the real processes (register, opening, change report with a
personnel change, credential custody, publication request, incident), then scans every text
column of every table of the app (parents and child tables) for anything password-like. A
planted password proves the scan finds one."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime, today

from socialmedia_governance.policy import text
from socialmedia_governance.tests.factories import make_account, make_active, make_group, make_school

APP = "socialmedia_governance"
TEXT_TYPES = (
	"Data",
	"Small Text",
	"Text",
	"Long Text",
	"Text Editor",
	"Code",
	"HTML Editor",
	"Markdown Editor",
)
# Signing secrets of IM robots are the one kind of secret the app keeps, in Frappe's encrypted
# Password store (__Auth), never in a column of the app's tables.
ALLOWED_PASSWORD_FIELDS = {("IM Robot", "secret")}


def app_doctypes() -> list[str]:
	modules = frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")
	return frappe.get_all("DocType", filters={"module": ("in", modules), "issingle": 0}, pluck="name")


def scan() -> list[str]:
	"""Every stored value of the app's text columns that looks like a written-out password."""
	found = []
	for doctype in app_doctypes():
		fields = [f.fieldname for f in frappe.get_meta(doctype).fields if f.fieldtype in TEXT_TYPES]
		for field in fields:
			rows = frappe.db.sql(
				f"select `name`, `{field}` from `tab{doctype}` where `{field}` is not null and `{field}` != ''"
			)
			found += [
				f"{doctype} {name}.{field}" for name, value in rows if text.looks_like_credential(value)
			]
	return found


class TestNoPasswordsStored(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = s = make_school()
		acc = make_active(make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}]))
		make_group(
			s.units["kj_class"], s.u("owner_kj"), member_count=40, purpose="班级通知，群规：实名，不发广告"
		)
		frappe.get_doc(
			{
				"doctype": "Credential Custody",
				"platform_doctype": "Social Media Account",
				"platform_record": acc.name,
				"custodian": s.u("kj_dean"),
				"sealed_on": today(),
				"sealed_copy_location": "会计学院办公室保险柜，密码已密封",
				"last_rotation_on": today(),
			}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "Incident",
				"platform_doctype": "Social Media Account",
				"platform_record": acc.name,
				"found_on": add_to_date(now_datetime(), hours=-1),
				"url": "https://mp.weixin.qq.com/s/x",
				"description": "帖子中出现管理员账号信息，已删除并修改密码",
			}
		).insert(ignore_permissions=True)

	def test_s17_no_app_doctype_has_a_password_column(self):
		password_fields = {
			(doctype, f.fieldname)
			for doctype in app_doctypes()
			for f in frappe.get_meta(doctype).fields
			if f.fieldtype == "Password"
		}
		self.assertEqual(password_fields - ALLOWED_PASSWORD_FIELDS, set())

	def test_s17_no_password_like_text_in_any_table(self):
		self.assertEqual(scan(), [])

	def test_the_scan_finds_a_planted_password(self):
		row = frappe.get_all("Social Media Account", limit=1, pluck="name")[0]
		before = frappe.db.get_value("Social Media Account", row, "purpose")
		frappe.db.set_value(
			"Social Media Account", row, "purpose", "账号密码：Abc12345", update_modified=False
		)
		try:
			self.assertEqual(scan(), [f"Social Media Account {row}.purpose"])
		finally:
			frappe.db.set_value("Social Media Account", row, "purpose", before, update_modified=False)
