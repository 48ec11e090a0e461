# Copyright (c) 2026, socialmedia_governance developers and contributors
"""S5: certification only after filing, approved by the Propaganda Department."""

import frappe

from socialmedia_governance.filing.doctype.certification_application.certification_application import (
	CertificationError,
	reject,
)
from socialmedia_governance.registry.register import allow_process_update
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import make_account

CA = "Certification Application"


class TestCertificationApplication(SchoolTestCase):
	def filed_account(self, filed=True):
		acc = make_account(self.s.units["kj"], administrators=[{"user": self.s.u("admin_kj")}])
		if filed:
			allow_process_update(acc)
			acc.status = "Active"
			acc.filing_number = f"XCB-S5-{frappe.generate_hash(length=5)}"
			acc.save(ignore_permissions=True)
		return acc

	def apply(self, acc, user=None):
		frappe.set_user(user or self.s.u("admin_kj"))
		try:
			return frappe.get_doc(
				{"doctype": CA, "account": acc.name, "materials": "认证申请书及单位介绍信"}
			).insert()
		finally:
			frappe.set_user("Administrator")

	def test_s5_certification_only_for_filed_active_accounts(self):
		draft = self.filed_account(filed=False)
		frappe.local.lang = "zh"
		try:
			with self.assertRaises(CertificationError) as err:
				self.apply(draft)
			self.assertIn("备案", str(err.exception))
		finally:
			frappe.local.lang = "en"
		self.assertEqual(
			frappe.db.get_value("Social Media Account", draft.name, "certification_status"), "Not Certified"
		)

	def test_s5_propaganda_approves_and_account_shows_certified(self):
		acc = self.filed_account()
		app = self.apply(acc)
		self.assertEqual(
			frappe.db.get_value("Social Media Account", acc.name, "certification_status"), "Applied"
		)
		frappe.set_user(self.s.u("admin_kj"))
		self.assertRaises(frappe.PermissionError, frappe.get_doc(CA, app.name).submit)
		frappe.set_user(self.s.u("xcb_head"))
		frappe.get_doc(CA, app.name).submit()
		self.assertEqual(
			frappe.db.get_value("Social Media Account", acc.name, "certification_status"), "Certified"
		)
		self.assertEqual(frappe.db.get_value(CA, app.name, "status"), "Approved")
		with self.assertRaises(CertificationError):
			self.apply(acc)  # certified already

	def test_s5_rejection_shows_rejected(self):
		acc = self.filed_account()
		app = self.apply(acc)
		frappe.set_user(self.s.u("admin_kj"))
		self.assertRaises(frappe.PermissionError, reject, app.name, "材料不全")
		frappe.set_user(self.s.u("xcb_head"))
		self.assertRaises(CertificationError, reject, app.name, " ")
		reject(app.name, "材料不全")
		self.assertEqual(
			frappe.db.get_value("Social Media Account", acc.name, "certification_status"), "Rejected"
		)
		self.assertEqual(
			frappe.db.get_value(CA, app.name, ["status", "rejection_reason"]), ("Rejected", "材料不全")
		)
