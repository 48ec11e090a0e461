"""S4, H7.1: who registers an account (issue 15: an account administrator could not, and nothing
said who could). The unit registers — its head, counsellor or advisor, the Youth League Committee
for student organisations, the Propaganda Department — and an account administrator registers a
draft for the units of the platforms they already administer, as one of its administrators; it
opens only through the unit's opening application. Anyone refused is told who registers."""

import frappe

from socialmedia_governance.registry.register import registration_context
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import make_account, make_user

ACCOUNT = "Social Media Account"


class TestRegistration(SchoolTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		s = cls.s
		cls.existing = make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}])

	def register(self, user, unit, administrators=None):
		frappe.set_user(user)
		return frappe.get_doc(
			{
				"doctype": ACCOUNT,
				"account_name": f"新账号-{frappe.generate_hash(length=6)}",
				"platform": "微信公众号",
				"owner_unit": unit,
				"administrators": [{"user": u} for u in (administrators or [])],
			}
		).insert()

	def test_s4_an_account_administrator_registers_a_draft_for_their_unit(self):
		s = self.s
		doc = self.register(s.u("admin_kj"), s.units["kj"], [s.u("admin_kj")])
		self.assertEqual(doc.status, "Draft")
		frappe.set_user(s.u("admin_kj"))
		self.assertIn(doc.name, frappe.get_list(ACCOUNT, pluck="name"))
		context = registration_context(ACCOUNT)
		self.assertTrue(context["can_create"] and context["administrator_only"])
		self.assertEqual(context["units"], [s.units["kj"]])
		# the unit's head sees it and decides its opening (S4: signed by the unit head)
		frappe.set_user(s.u("kj_dean"))
		self.assertIn(doc.name, frappe.get_list(ACCOUNT, pluck="name"))

	def test_s4_not_for_another_unit_and_the_refusal_says_who_registers(self):
		s = self.s
		frappe.local.lang = "zh"
		with self.assertRaises(frappe.PermissionError) as ctx:
			self.register(s.u("admin_kj"), s.units["xx"], [s.u("admin_kj")])
		message = str(ctx.exception)
		self.assertIn("党委宣传部", message)
		self.assertIn("xx_dean", message)  # the head of 信息学院, by name
		# nor without being one of its administrators (they would lose sight of it)
		with self.assertRaises(frappe.PermissionError):
			self.register(s.u("admin_kj"), s.units["kj"])

	def test_s4_an_administrator_of_nothing_yet_is_told_who_registers(self):
		newcomer = make_user(
			f"newcomer-{frappe.generate_hash(length=5)}@test.example.com", "Account Administrator"
		)
		frappe.set_user(newcomer)
		context = registration_context(ACCOUNT)
		self.assertEqual(context["units"], [])
		self.assertTrue(context["who"])
		with self.assertRaises(frappe.PermissionError):
			self.register(newcomer, self.s.units["kj"], [newcomer])

	def test_s4_units_still_register_as_before(self):
		s = self.s
		for user, unit in (
			(s.u("kj_dean"), s.units["kj"]),
			(s.u("fdy_kj"), s.units["kj_class"]),
			(s.u("xsh_teacher"), s.units["kj_xsh"]),
			(s.u("xcb_head"), s.units["xx"]),
		):
			self.assertEqual(self.register(user, unit).status, "Draft")
		frappe.set_user(s.u("kj_dean"))
		self.assertFalse(registration_context(ACCOUNT)["administrator_only"])
