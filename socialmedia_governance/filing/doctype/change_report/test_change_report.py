# Copyright (c) 2026, socialmedia_governance developers and contributors
"""S13, H7.2, S17: change reports within working days on the official calendar; credentials."""

import frappe
from frappe.utils import add_days, getdate, today

from socialmedia_governance.filing.calendar import change_deadline
from socialmedia_governance.filing.doctype.change_report.change_report import (
	ChangeReportError,
	confirm_password_rotation,
)
from socialmedia_governance.registry.register import allow_process_update
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import make_account
from socialmedia_governance.validation import CredentialInTextError

CR = "Change Report"


class TestChangeReport(SchoolTestCase):
	def setUp(self):
		s = self.s
		self.acc = make_account(
			s.units["kj"],
			"会计学院官微",
			administrators=[{"user": s.u("admin_kj"), "admin_role": "Chief Administrator"}],
		)
		allow_process_update(self.acc)
		self.acc.status = "Active"
		self.acc.save(ignore_permissions=True)

	def report(self, change_type, event_date, user=None, **values):
		frappe.set_user(user or self.s.u("admin_kj"))
		try:
			return frappe.get_doc(
				{
					"doctype": CR,
					"platform_doctype": "Social Media Account",
					"platform_record": self.acc.name,
					"change_type": change_type,
					"event_date": event_date,
					**values,
				}
			).insert()
		finally:
			frappe.set_user("Administrator")

	def record(self, doc):
		frappe.set_user(self.s.u("xcb_head"))
		try:
			frappe.get_doc(CR, doc.name).submit()
		finally:
			frappe.set_user("Administrator")
		return frappe.get_doc(CR, doc.name)

	def test_s13_h7_2_due_date_counts_working_days_on_the_official_calendar(self):
		# the day before the 2025 National Day holiday: Oct 1–8 off, Sat Oct 11 a make-up working day
		self.assertEqual(change_deadline("2025-09-30", 3).due, getdate("2025-10-11"))
		# Spring Festival 2026: Feb 15–23 off, make-up days Sat Feb 14 and Sat Feb 28
		self.assertEqual(change_deadline("2026-02-13", 3).due, getdate("2026-02-25"))
		self.assertEqual(change_deadline("2026-03-02", 3).due, getdate("2026-03-05"))

	def test_h7_2_a_report_after_the_due_date_is_late(self):
		late = self.report("Contact", "2025-09-30", new_value="0731-88880000")
		self.assertEqual((str(late.due_date), late.is_late), ("2025-10-11", 1))
		recent = self.report("Contact", today(), new_value="0731-88881111")
		self.assertEqual(recent.is_late, 0)
		self.assertGreaterEqual(recent.due_date, getdate(today()))

	def test_s13_a_change_in_the_future_is_refused(self):
		with self.assertRaises(ChangeReportError):
			self.report("Contact", add_days(today(), 2), new_value="0731-1")

	def test_s13_unknown_year_warns_until_the_admin_enters_it(self):
		warned = change_deadline("2027-01-29", 3)
		self.assertEqual(warned.due, getdate("2027-02-03"))  # Monday to Friday fallback
		self.assertTrue(any("2027" in w for w in warned.warnings))
		frappe.get_doc(
			{
				"doctype": "Calendar Exception",
				"exception_date": "2027-02-01",
				"is_working_day": 0,
				"covers_whole_year": 1,
				"note": "示例：学校放假",
			}
		).insert()
		entered = change_deadline("2027-01-29", 3)
		self.assertEqual((entered.due, entered.warnings), (getdate("2027-02-04"), ()))

	def test_s13_approved_reports_update_the_register(self):
		renamed = self.record(
			self.report("Account Name", today(), old_value="会计学院官微", new_value="会计学院微信公众号")
		)
		self.assertEqual(renamed.completion_status, "Complete")
		self.assertEqual(
			frappe.db.get_value("Social Media Account", self.acc.name, "account_name"), "会计学院微信公众号"
		)
		admins = self.record(
			self.report(
				"Administrator",
				today(),
				new_administrators=[{"user": self.s.u("owner_kj"), "admin_role": "Chief Administrator"}],
			)
		)
		self.assertEqual(
			frappe.get_all("Social Media Administrator", filters={"parent": self.acc.name}, pluck="user"),
			[self.s.u("owner_kj")],
		)
		self.assertEqual(admins.completion_status, "Awaiting Password Rotation")

	def test_s13_personnel_change_incomplete_until_password_rotation(self):
		rep = self.record(self.report("Supervisor", today(), remarks="学院院长调整"))
		self.assertEqual(rep.completion_status, "Awaiting Password Rotation")
		custody = frappe.get_doc("Credential Custody", f"CC-{self.acc.name}")
		self.assertEqual(custody.rotation_due, 1)
		frappe.set_user(self.s.u("admin_kj"))
		with self.assertRaises(ChangeReportError):
			confirm_password_rotation(rep.name, add_days(today(), 1))
		self.assertEqual(confirm_password_rotation(rep.name, today()), "Complete")
		frappe.set_user("Administrator")
		custody.reload()
		self.assertEqual((custody.rotation_due, str(custody.last_rotation_on)), (0, today()))

	def test_s17_no_password_is_ever_stored(self):
		app_doctypes = frappe.get_all(
			"DocType",
			filters={
				"module": ["in", ["Registry", "Filing", "Review", "Content", "Discipline", "Notifications"]]
			},
			pluck="name",
		)
		self.assertIn("Credential Custody", app_doctypes)
		from socialmedia_governance.tests.test_credentials import ALLOWED_PASSWORD_FIELDS

		for doctype in app_doctypes:
			# the IM robots' signing secrets live encrypted in Frappe's password store, not in a column
			self.assertFalse(
				[
					f.fieldname
					for f in frappe.get_meta(doctype).fields
					if f.fieldtype == "Password" and (doctype, f.fieldname) not in ALLOWED_PASSWORD_FIELDS
				],
				doctype,
			)
		with self.assertRaises(CredentialInTextError):
			self.report("Password Rotation", today(), remarks="新密码: Kj@2026new")
		custody = frappe.get_doc(
			{
				"doctype": "Credential Custody",
				"platform_doctype": "Social Media Account",
				"platform_record": self.acc.name,
				"custodian": self.s.u("admin_kj"),
			}
		)
		custody.sealed_copy_location = "密码：abc12345"
		self.assertRaises(CredentialInTextError, custody.insert)

	def test_s17_custody_records_the_sealed_copy(self):
		rep = self.record(self.report("Password Rotation", add_days(today(), -1)))
		custody = frappe.get_doc("Credential Custody", f"CC-{self.acc.name}")
		custody.sealed_on = today()
		custody.sealed_copy_location = "学院办公室保密柜"
		custody.save()
		self.assertEqual(str(custody.last_rotation_on), add_days(today(), -1))
		self.assertEqual(rep.completion_status, "Complete")

	def test_other_units_reports_are_invisible_to_a_counsellor(self):
		self.report("Contact", today(), new_value="0731-2")
		frappe.set_user(self.s.u("fdy_xx"))
		self.assertEqual(frappe.get_list(CR, filters={"platform_record": self.acc.name}), [])

	def test_h7_2_late_reports_are_counted_per_unit(self):
		from socialmedia_governance.filing.report.change_report_timeliness.change_report_timeliness import (
			execute,
		)

		self.report("Contact", "2025-09-30", new_value="0731-3")
		self.report("Contact", today(), new_value="0731-4")
		_columns, rows = execute({"from_date": "2025-01-01"})
		kj = next(r for r in rows if r.tier2_unit == self.s.units["kj"])
		counted = frappe.get_all(CR, filters={"tier2_unit": self.s.units["kj"]}, fields=["is_late"])
		self.assertEqual((kj.total, kj.late), (len(counted), sum(r.is_late for r in counted)))
		self.assertGreaterEqual(kj.late, 1)
		self.assertGreaterEqual(kj.on_time, 1)

	def test_h7_2_lateness_cannot_be_edited_away(self):
		late = self.report("Contact", "2025-09-30", new_value="0731-5")
		frappe.set_user(self.s.u("admin_kj"))
		doc = frappe.get_doc(CR, late.name)
		doc.report_date = "2025-10-09"
		doc.save()
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value(CR, late.name, ["report_date", "is_late"]), (getdate(today()), 1)
		)

	def test_s13_recorded_reports_cannot_be_cancelled(self):
		rep = self.record(self.report("Account Name", today(), new_value="会计学院新媒体"))
		frappe.set_user(self.s.u("xcb_head"))
		self.assertRaises(ChangeReportError, frappe.get_doc(CR, rep.name).cancel)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value(CR, rep.name, "docstatus"), 1)
