# Copyright (c) 2026, socialmedia_governance developers and contributors
"""S17 / issues 9 and 16: no password is stored anywhere.

Populates the site through the real processes (register, opening, change report with a
personnel change, credential custody, publication request, incident), then scans every text
column of every table of the app (parents and child tables) for anything password-like. A
planted password proves the scan finds one.

Issue 16: one check (``validation.check_credentials``) covers every free-text field of every
DocType of the app, found from the DocType meta at run time. The test derives the fields the same
way and writes a password into each of them, on a real record of every DocType (one without a
record fails the test), in every child row and into the comments, assignments and emails a user
writes on the app's documents; each is refused in Chinese. Afterwards no text column of any table
of the database — Version, Comment, ToDo, Communication, Email Queue and the rest — holds it."""

import frappe
from frappe.desk.form import assign_to
from frappe.desk.form.utils import add_comment
from frappe.utils import add_to_date, now_datetime, today

from socialmedia_governance import validation
from socialmedia_governance.policy import text
from socialmedia_governance.tests.base import CommittedRecordsTestCase, SchoolTestCase, snapshot_single
from socialmedia_governance.tests.factories import (
	ensure_outgoing_email_account,
	make_account,
	make_active,
	make_group,
)
from socialmedia_governance.tests.test_hostile_input import (
	app_doctypes as app_parent_doctypes,
)
from socialmedia_governance.tests.test_hostile_input import build_records

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


class TestNoPasswordsStored(SchoolTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		s = cls.s
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


# --------------------------------------------------------------------------------- issue 16
REFUSED_ZH = "中似乎含有密码"


def database_text_columns() -> dict[str, list[str]]:
	"""Every text column of every table of the site's database (Frappe's and the app's)."""
	rows = frappe.db.sql(
		"""select `table_name`, `column_name` from information_schema.columns
		where `table_schema` = %s and `data_type` in
			('char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'json')""",
		frappe.conf.db_name,
	)
	out: dict[str, list[str]] = {}
	for table, column in rows:
		out.setdefault(table, []).append(column)
	return out


def tables_holding(secret: str) -> list[str]:
	"""``table.column`` of every text column anywhere in the database that contains ``secret``."""
	found = []
	for table, columns in database_text_columns().items():
		condition = " or ".join(f"`{c}` like %(s)s" for c in columns)
		if frappe.db.sql(f"select 1 from `{table}` where {condition} limit 1", {"s": f"%{secret}%"}):
			found += [
				f"{table}.{c}"
				for c in columns
				if frappe.db.sql(
					f"select 1 from `{table}` where `{c}` like %(s)s limit 1", {"s": f"%{secret}%"}
				)
			]
	return found


class TestOneCredentialCheckForEveryField(CommittedRecordsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		s = cls.s
		cls.secret = f"Pw{s.suffix}x9Q"
		cls.planted = f"账号密码：{cls.secret}"
		cls.singles = {
			doctype: snapshot_single(doctype)
			for doctype in app_parent_doctypes()
			if frappe.get_meta(doctype).issingle
		}
		cls.records, cls.cleanup = build_records(s)
		ensure_outgoing_email_account()
		frappe.db.commit()

	def assert_refused_in_chinese(self, attempt, where: str):
		frappe.local.lang = "zh"
		try:
			with self.assertRaises(validation.CredentialInTextError, msg=where) as refused:
				attempt()
		finally:
			frappe.local.lang = "en"
		self.assertIn(REFUSED_ZH, str(refused.exception), where)

	def assert_never_stored(self, doc, row, df, where: str):
		"""Refused in Chinese — or, for a field Frappe fills from the record it links to before any
		check (``fetch_from``), replaced by that record's value: the typed password is not kept."""
		if doc.docstatus == 1 and not df.allow_on_submit:
			# a submitted record refuses the change anyway (an archived filing refuses every change)
			with self.assertRaises(frappe.ValidationError, msg=where):
				doc.save()
			self.assertNotIn(self.secret, str(frappe.db.get_value(row.doctype, row.name, df.fieldname) or ""))
			return
		if not (df.fetch_from and not df.fetch_if_empty):
			self.assert_refused_in_chinese(doc.save, where)
			return
		try:
			doc.save()
		except validation.CredentialInTextError:
			return
		self.assertNotIn(self.secret, str(row.get(df.fieldname) or ""), where)

	def fresh(self, doctype, name):
		return (
			frappe.get_single(doctype) if frappe.get_meta(doctype).issingle else frappe.get_doc(doctype, name)
		)

	def test_s17_every_app_doctype_has_free_text_and_a_record_to_try(self):
		doctypes = app_parent_doctypes()
		self.assertIn("Opening Application", doctypes)
		self.assertEqual([d for d in doctypes if not self.records.get(d)], [])
		# the fields are derived from the meta: the four fields of issue 16 are among them
		for doctype, field in (
			("Opening Application", "reason"),
			("Publication Request", "title"),
			("Organization Unit", "description"),
			("Calendar Exception", "note"),
		):
			fields = [df.fieldname for df in validation.free_text_fields(frappe.get_meta(doctype))]
			self.assertIn(field, fields, doctype)

	def test_s17_a_password_in_any_free_text_field_of_any_doctype_is_refused_in_chinese(self):
		tried = 0
		for doctype in app_parent_doctypes():
			if not self.records.get(doctype):
				continue  # fails test_s17_every_app_doctype_has_free_text_and_a_record_to_try
			name = self.records[doctype][0]
			for df in validation.free_text_fields(frappe.get_meta(doctype)):
				doc = self.fresh(doctype, name)
				doc.set(df.fieldname, self.planted)
				self.assert_never_stored(doc, doc, df, f"{doctype}.{df.fieldname}")
				tried += 1
		self.assertGreater(tried, 100)

	def test_s17_a_password_in_any_free_text_field_of_any_child_row_is_refused(self):
		"""Every child table of every DocType: its first row, or a new row where there is none
		(approval steps are written by the system, yet the check covers them too)."""
		tried = 0
		for doctype in app_parent_doctypes():
			if not self.records.get(doctype):
				continue  # fails test_s17_every_app_doctype_has_free_text_and_a_record_to_try
			name = self.records[doctype][0]
			for table in frappe.get_meta(doctype).get_table_fields():
				for df in validation.free_text_fields(frappe.get_meta(table.options)):
					doc = self.fresh(doctype, name)
					rows = doc.get(table.fieldname)
					row = rows[0] if rows else doc.append(table.fieldname, {})
					row.set(df.fieldname, self.planted)
					self.assert_never_stored(doc, row, df, f"{doctype}.{table.fieldname}.{df.fieldname}")
					tried += 1
		self.assertGreater(tried, 10)

	def test_s17_comments_assignments_and_emails_on_the_app_documents(self):
		s = self.s
		name = self.records["Social Media Account"][0]
		frappe.set_user(s.u("xcb_head"))
		self.assert_refused_in_chinese(
			lambda: add_comment(
				"Social Media Account", name, f"<p>{self.planted}</p>", s.u("xcb_head"), "宣传部"
			),
			"Comment",
		)
		self.assert_refused_in_chinese(
			lambda: assign_to.add(
				{
					"assign_to": [s.u("kj_dean")],
					"doctype": "Social Media Account",
					"name": name,
					"description": self.planted,
				}
			),
			"ToDo",
		)
		from frappe.core.doctype.communication.email import make

		self.assert_refused_in_chinese(
			lambda: make(
				doctype="Social Media Account",
				name=name,
				subject="账号交接",
				content=self.planted,
				recipients=s.u("kj_dean"),
				send_email=True,
			),
			"Communication",
		)
		# an ordinary comment is kept
		frappe.set_user(s.u("xcb_head"))
		comment = add_comment(
			"Social Media Account", name, "<p>密码已密封存档</p>", s.u("xcb_head"), "宣传部"
		)
		self.assertTrue(frappe.db.exists("Comment", comment.name))

	def test_s17_after_the_flows_no_column_of_the_database_holds_the_password(self):
		self.test_s17_a_password_in_any_free_text_field_of_any_doctype_is_refused_in_chinese()
		self.test_s17_comments_assignments_and_emails_on_the_app_documents()
		frappe.set_user("Administrator")
		self.assertEqual(tables_holding(self.secret), [])
		# the scan finds a password where one is: planted in a comment behind the app's back
		comment = frappe.get_doc(
			{
				"doctype": "Comment",
				"comment_type": "Comment",
				"reference_doctype": "ToDo",
				"content": "placeholder",
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Comment", comment.name, "content", self.planted, update_modified=False)
		self.assertEqual(tables_holding(self.secret), ["tabComment.content"])
