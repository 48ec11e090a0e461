# Copyright (c) 2026, socialmedia_governance developers and contributors
"""S3, H2, S12, S17: the account register (site tests)."""

import frappe

from socialmedia_governance.registry.register import (
	CredentialInTextError,
	DuplicatePlatformIdError,
	ProcessFieldError,
	RegisterError,
)
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import make_account


class TestSocialMediaAccount(SchoolTestCase):
	def test_s3_h2_s12_register_records_owner_supervisor_responsible_and_administrators(self):
		s = self.s
		acc = make_account(
			s.units["kj"],
			"会计学院官微",
			platform_id="gh_0123456789ab",
			uses_school_name=1,
			purpose="发布学院新闻",
			administrators=[
				{"user": s.u("admin_kj"), "admin_role": "Chief Administrator", "phone": "13800000000"}
			],
		)
		self.assertEqual(acc.status, "Draft")
		self.assertEqual(
			(acc.owner_unit, acc.supervisor, acc.responsible_person),
			(s.units["kj"], s.u("kj_dean"), s.u("kj_dean")),
		)
		self.assertEqual(acc.administrators[0].user, s.u("admin_kj"))
		self.assertIn("Account Administrator", frappe.get_roles(s.u("admin_kj")))

	def test_s3_platform_id_is_normalised_and_checked_per_platform(self):
		acc = make_account(self.s.units["kj"], platform="哔哩哔哩", platform_id=" １２３４５６７８ ")
		self.assertEqual(acc.platform_id, "12345678")
		frappe.local.lang = "zh"
		with self.assertRaises(RegisterError) as err:
			make_account(self.s.units["kj"], platform="哔哩哔哩", platform_id="not-a-uid")
		self.assertIn("不是有效的", str(err.exception))

	def test_s3_a_group_platform_cannot_hold_an_account(self):
		with self.assertRaises(RegisterError):
			make_account(self.s.units["kj"], platform="QQ群")

	def test_duplicate_platform_and_id_is_refused(self):
		make_account(self.s.units["kj"], platform="新浪微博", platform_id="7012345678")
		before = frappe.db.count("Social Media Account")
		frappe.local.lang = "zh"
		with self.assertRaises(DuplicatePlatformIdError) as err:
			make_account(self.s.units["xx"], platform="新浪微博", platform_id="7012345678")
		self.assertIn("已登记", str(err.exception))
		self.assertEqual(frappe.db.count("Social Media Account"), before)

	def test_bad_url_is_refused(self):
		before = frappe.db.count("Social Media Account")
		for url in ("javascript:alert(1)", "mp.weixin.qq.com/s/abc"):
			with self.assertRaises(frappe.ValidationError):
				make_account(self.s.units["kj"], url=url)
		self.assertEqual(frappe.db.count("Social Media Account"), before)

	def test_s6_outside_party_must_be_named(self):
		with self.assertRaises(RegisterError):
			make_account(self.s.units["kj"], outside_cooperation=1)
		acc = make_account(self.s.units["kj"], outside_cooperation=1, outside_party="某传媒公司")
		self.assertEqual(acc.outside_party, "某传媒公司")

	def test_s17_a_password_in_free_text_is_refused(self):
		frappe.local.lang = "zh"
		with self.assertRaises(CredentialInTextError) as err:
			make_account(self.s.units["kj"], purpose="管理员账号 kjxy，密码: Kj@2024abc")
		self.assertIn("密码", str(err.exception))
		acc = make_account(self.s.units["kj"], purpose="密码已密封存档于学院办公室")
		self.assertTrue(acc.name)

	def test_status_and_filing_change_only_through_their_process(self):
		acc = make_account(self.s.units["kj"], status="Draft")
		acc.status = "Active"
		with self.assertRaises(ProcessFieldError):
			acc.save()
		acc.reload()
		acc.filing_number = "XCB-2026-0001"
		with self.assertRaises(ProcessFieldError):
			acc.save()
		with self.assertRaises(ProcessFieldError):
			make_account(self.s.units["kj"], status="Active")

	def test_s12_supervisor_cannot_be_typed(self):
		acc = make_account(self.s.units["kj_class"])
		acc.supervisor = self.s.u("outsider")
		acc.tier = 1
		acc.save()
		self.assertEqual((acc.supervisor, acc.tier), (self.s.u("fdy_kj"), 3))
