# Copyright (c) 2026, socialmedia_governance developers and contributors
"""H2, H4.1: the group register (site tests)."""

import frappe

from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import make_group


class TestSocialMediaGroup(SchoolTestCase):
	def test_h4_1_crossing_the_member_threshold_requires_filing(self):
		grp = make_group(
			self.s.units["kj_class"], self.s.u("owner_kj"), member_count=49, supervisor_is_member=1
		)
		self.assertEqual(grp.filing_required, 0)
		self.assertEqual(grp.supervisor, self.s.u("fdy_kj"))
		grp.member_count = 50
		grp.save()
		self.assertEqual(grp.filing_required, 1)

	def test_h4_1_school_named_group_always_requires_filing(self):
		grp = make_group(self.s.units["kj_class"], self.s.u("owner_kj"), member_count=3, uses_school_name=1)
		self.assertEqual(grp.filing_required, 1)

	def test_h4_1_threshold_comes_from_settings(self):
		settings = frappe.get_single("Governance Settings")
		settings.group_filing_threshold = 10
		settings.save()
		try:
			grp = make_group(self.s.units["kj_class"], self.s.u("owner_kj"), member_count=12)
			self.assertEqual(grp.filing_required, 1)
		finally:
			settings.reload()
			settings.group_filing_threshold = 50
			settings.save()

	def test_negative_member_count_is_refused_in_chinese(self):
		frappe.local.lang = "zh"
		before = frappe.db.count("Social Media Group")
		with self.assertRaises(frappe.ValidationError) as err:
			make_group(self.s.units["kj_class"], self.s.u("owner_kj"), member_count=-5)
		self.assertRegex(str(err.exception), "负")
		self.assertEqual(frappe.db.count("Social Media Group"), before)

	def test_h4_3_outsiders_need_recorded_consent(self):
		with self.assertRaises(frappe.ValidationError):
			make_group(self.s.units["kj_class"], self.s.u("owner_kj"), outsiders_allowed=1)
		grp = make_group(
			self.s.units["kj_class"],
			self.s.u("owner_kj"),
			outsiders_allowed=1,
			outsider_approval="群主与辅导员同意校友加入",
		)
		self.assertEqual(grp.real_name_status, "Not Checked")

	def test_group_owner_gets_the_group_owner_role(self):
		make_group(self.s.units["kj_class"], self.s.u("owner_kj"))
		self.assertIn("Group Owner", frappe.get_roles(self.s.u("owner_kj")))
