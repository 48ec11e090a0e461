# Copyright (c) 2026, socialmedia_governance developers and contributors
"""S14: closure filed by the Propaganda Department; S16: a failed review opens one."""

import frappe
from frappe.utils import add_days, today

from socialmedia_governance.filing.doctype.closure_request.closure_request import (
	ClosureRequestError,
	open_closure,
)
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import make_account, make_active


def active_account(unit, **values):
	return make_active(make_account(unit, **values))


class TestClosureRequest(SchoolTestCase):
	def request(self, acc, user, **values):
		frappe.set_user(user)
		doc = frappe.get_doc(
			{
				"doctype": "Closure Request",
				"platform_doctype": "Social Media Account",
				"platform_record": acc.name,
				"reason": "账号停止使用",
				"date_closed": today(),
				**values,
			}
		).insert()
		frappe.set_user("Administrator")
		return doc

	def test_s14_closure_filed_by_propaganda_closes_and_keeps_history(self):
		s = self.s
		acc = active_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}])
		req = self.request(acc, s.u("admin_kj"))
		frappe.set_user(s.u("admin_kj"))
		self.assertRaises(frappe.PermissionError, frappe.get_doc("Closure Request", req.name).submit)
		frappe.set_user(s.u("xcb_head"))
		frappe.get_doc("Closure Request", req.name).submit()
		frappe.set_user("Administrator")
		acc.reload()
		self.assertEqual((acc.status, str(acc.closed_on)), ("Closed", today()))
		self.assertTrue(acc.filing_number)  # the record and its filing stay: history is kept
		active = frappe.get_all("Social Media Account", filters={"status": ["!=", "Closed"]}, pluck="name")
		self.assertNotIn(acc.name, active)
		self.assertEqual(frappe.db.get_value("Closure Request", req.name, "docstatus"), 1)

	def test_s14_closing_a_closed_account_is_refused(self):
		s = self.s
		acc = active_account(s.units["kj"])
		req = self.request(acc, s.u("kj_dean"))
		frappe.get_doc("Closure Request", req.name).submit()
		with self.assertRaises(ClosureRequestError):
			self.request(acc, s.u("kj_dean"))

	def test_s14_bad_input_is_refused(self):
		s = self.s
		acc = active_account(s.units["kj"])
		with self.assertRaises(ClosureRequestError):
			self.request(acc, s.u("kj_dean"), date_closed=add_days(today(), 3))
		with self.assertRaises(frappe.ValidationError):
			self.request(acc, s.u("kj_dean"), evidence_url="javascript:alert(1)")
		self.request(acc, s.u("kj_dean"))
		with self.assertRaises(ClosureRequestError):
			self.request(acc, s.u("kj_dean"))  # a second open request

	def test_another_units_platform_cannot_be_closed_or_applied_for(self):
		s = self.s
		acc = active_account(s.units["xx_class"])
		with self.assertRaises(frappe.PermissionError):
			self.request(acc, s.u("fdy_kj"))
		draft = make_account(s.units["xx_class"])
		frappe.set_user(s.u("fdy_kj"))
		app = frappe.get_doc(
			{
				"doctype": "Opening Application",
				"platform_doctype": "Social Media Account",
				"platform_record": draft.name,
			}
		)
		self.assertRaises(frappe.PermissionError, app.insert)

	def test_s16_failed_review_opens_a_closure(self):
		s = self.s
		acc = active_account(s.units["kj"])
		name = open_closure("Social Media Account", acc.name, "年审不合格")
		doc = frappe.get_doc("Closure Request", name)
		self.assertEqual((doc.ordered_by_review, doc.docstatus, doc.owner_unit), (1, 0, s.units["kj"]))
		self.assertEqual(open_closure("Social Media Account", acc.name, "年审不合格"), name)
