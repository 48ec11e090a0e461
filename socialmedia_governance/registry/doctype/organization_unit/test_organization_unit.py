# Copyright (c) 2026, socialmedia_governance developers and contributors
"""H3, S12: the tree derives tier and supervisor for every unit type (site tests)."""

import frappe

from socialmedia_governance.registry.doctype.organization_unit.organization_unit import OrganizationUnitError
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import make_account, make_group, make_unit, make_user


class TestOrganizationUnit(SchoolTestCase):
	def test_h3_s12_tier_and_supervisor_for_every_unit_type(self):
		s = self.s
		expected = {
			# owner unit key: (tier, supervisor key, responsible key, tier-2 unit key)
			"school": (1, "xcb_head", "xcb_head", "xcb"),
			"xcb": (2, "xcb_head", "xcb_head", "xcb"),
			"xgc": (2, "xgc_head", "xgc_head", "xgc"),
			"kj": (2, "kj_dean", "kj_dean", "kj"),
			"kj_xgb": (3, "kj_xgb", "kj_xgb", "kj"),
			"kj_class": (3, "fdy_kj", "kj_dean", "kj"),
			"kj_xsh": (3, "xsh_teacher", "kj_dean", "kj"),
			"club": (3, "club_teacher", "tw_head", "tw"),
			"work_group": (3, "xgc_head", "xgc_head", "xgc"),
		}
		for key, (tier, sup, resp, tier2) in expected.items():
			acc = make_account(s.units[key])
			self.assertEqual(
				(acc.tier, acc.supervisor, acc.responsible_person, acc.tier2_unit),
				(tier, s.u(sup), s.u(resp), s.units[tier2]),
				key,
			)
			self.assertTrue(acc.supervision_basis, key)

	def test_h3_basis_names_the_tree_node(self):
		acc = make_account(self.s.units["kj_class"])
		self.assertIn(
			frappe.db.get_value("Organization Unit", self.s.units["kj_class"], "unit_name"),
			acc.supervision_basis,
		)

	def test_h3_basis_is_stored_in_the_sites_language_with_names(self):
		frappe.db.set_single_value("System Settings", "language", "zh")
		try:
			acc = make_account(self.s.units["kj_class"])
		finally:
			frappe.db.set_single_value("System Settings", "language", "en")
		self.assertIn("班级辅导员", acc.supervision_basis)
		self.assertEqual(acc.supervisor_name, frappe.db.get_value("User", self.s.u("fdy_kj"), "full_name"))
		self.assertEqual(
			acc.responsible_person_name, frappe.db.get_value("User", self.s.u("kj_dean"), "full_name")
		)

	def test_h3_work_group_chat_supervised_by_owner_units_head(self):
		grp = make_group(self.s.units["work_group"], self.s.u("owner_kj"))
		self.assertEqual((grp.tier, grp.supervisor), (3, self.s.u("xgc_head")))

	def test_h3_supervisor_follows_the_tree_when_the_counsellor_changes(self):
		s = self.s
		acc = make_account(s.units["xx_class"])
		grp = make_group(s.units["xx_class"], s.u("owner_kj"))
		self.assertEqual(acc.supervisor, s.u("fdy_xx"))
		new_fdy = make_user(f"new-fdy-{s.suffix}@test.example.com")
		unit = frappe.get_doc("Organization Unit", s.units["xx_class"])
		unit.counsellor = new_fdy
		unit.save()
		self.assertEqual(frappe.db.get_value("Social Media Account", acc.name, "supervisor"), new_fdy)
		self.assertEqual(frappe.db.get_value("Social Media Group", grp.name, "supervisor"), new_fdy)
		# naming someone counsellor gives them the role
		self.assertIn("Counsellor", frappe.get_roles(new_fdy))
		unit.counsellor = s.u("fdy_xx")
		unit.save()

	def test_moving_a_class_to_another_college_moves_its_responsible_person(self):
		s = self.s
		cls_name = make_unit(f"会计2302班{s.suffix}", "Class", s.units["kj"], counsellor=s.u("fdy_kj"))
		acc = make_account(cls_name)
		self.assertEqual(acc.responsible_person, s.u("kj_dean"))
		unit = frappe.get_doc("Organization Unit", cls_name)
		unit.parent_organization_unit = s.units["xx"]
		unit.save()
		self.assertEqual(
			frappe.db.get_value("Social Media Account", acc.name, "responsible_person"), s.u("xx_dean")
		)
		self.assertEqual(frappe.db.get_value("Social Media Account", acc.name, "tier2_unit"), s.units["xx"])

	def test_a_unit_without_its_head_is_refused_in_chinese(self):
		frappe.local.lang = "zh"
		try:
			with self.assertRaises(OrganizationUnitError) as err:
				make_unit(f"无负责人学院{self.s.suffix}", "Secondary College", self.s.units["school"])
			self.assertIn("党政主要负责人", str(err.exception))
			with self.assertRaises(OrganizationUnitError) as err:
				make_unit(f"无辅导员班{self.s.suffix}", "Class", self.s.units["kj"])
			self.assertIn("辅导员", str(err.exception))
		finally:
			frappe.local.lang = "en"
		self.assertFalse(frappe.db.exists("Organization Unit", {"unit_name": f"无负责人学院{self.s.suffix}"}))

	def test_tree_shape_is_enforced(self):
		with self.assertRaises(OrganizationUnitError):
			make_unit(
				f"错位班{self.s.suffix}", "Class", self.s.units["school"], counsellor=self.s.u("fdy_kj")
			)
		with self.assertRaises(OrganizationUnitError):
			make_unit(f"第二所学校{self.s.suffix}", "School", head=self.s.u("president"))

	def test_same_unit_name_under_two_colleges_gets_distinct_names(self):
		a = make_unit(
			"办公室" + self.s.suffix, "Internal Office", self.s.units["kj"], head=self.s.u("kj_xgb")
		)
		b = make_unit(
			"办公室" + self.s.suffix, "Internal Office", self.s.units["xx"], head=self.s.u("xx_dean")
		)
		self.assertNotEqual(a, b)
		self.assertEqual(frappe.db.get_value("Organization Unit", b, "unit_name"), "办公室" + self.s.suffix)

	def test_unit_owning_records_cannot_be_deleted(self):
		unit = make_unit(
			f"待删学工办{self.s.suffix}", "Internal Office", self.s.units["xx"], head=self.s.u("xx_dean")
		)
		make_account(unit)
		with self.assertRaises(OrganizationUnitError):
			frappe.delete_doc("Organization Unit", unit)

	def test_naming_a_head_grants_the_unit_head_role(self):
		self.assertIn("Unit Head", frappe.get_roles(self.s.u("kj_dean")))
		self.assertIn("Unit Head", frappe.get_roles(self.s.u("kj_sec")))
		self.assertIn("Club Advisor", frappe.get_roles(self.s.u("club_teacher")))
