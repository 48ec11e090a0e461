# Copyright (c) 2026, socialmedia_governance developers and contributors
"""H4.1 (issue 16): the group's supervisor — the class's counsellor, the staff unit's head — must be
a member of the group. Until that is recorded, the group shows the unmet rule (a flag the form and
the list show, and filter on) and no step of its opening is approved, as the real users act."""

import frappe

from socialmedia_governance.registry.doctype.social_media_group.social_media_group import (
	SupervisorNotMemberError,
)
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import make_group

OA = "Opening Application"


class TestGroupSupervisorMembership(SchoolTestCase):
	workflows = True
	doctype = OA

	def apply(self, group):
		frappe.set_user(self.s.u("owner_kj"))
		app = frappe.get_doc(
			{
				"doctype": OA,
				"platform_doctype": "Social Media Group",
				"platform_record": group.name,
				"reason": "班级通知",
			}
		).insert()
		frappe.set_user("Administrator")
		self.act(app.name, self.s.u("owner_kj"), "Submit for Approval")
		return app.name

	def test_h4_1_the_unmet_rule_is_flagged_on_the_group(self):
		s = self.s
		group = make_group(s.units["kj_class"], s.u("owner_kj"), member_count=30, supervisor_is_member=0)
		self.assertEqual(group.supervisor, s.u("fdy_kj"))
		self.assertEqual(group.supervisor_not_member, 1)
		self.assertIn(
			group.name,
			frappe.get_all("Social Media Group", filters={"supervisor_not_member": 1}, pluck="name"),
		)
		group.supervisor_is_member = 1
		group.save()
		self.assertEqual(group.supervisor_not_member, 0)

	def test_h4_1_no_approval_step_until_the_counsellor_is_a_member(self):
		s = self.s
		group = make_group(s.units["kj_class"], s.u("owner_kj"), member_count=120, supervisor_is_member=0)
		name = self.apply(group)
		frappe.local.lang = "zh"
		with self.assertRaises(SupervisorNotMemberError) as refused:
			self.act(name, s.u("fdy_kj"), "Approve")
		self.assertIn("须是本群成员", str(refused.exception))
		self.assertIn("监管人已入群", str(refused.exception))  # what to tick, not a clause code
		frappe.local.lang = "en"
		self.assertEqual(frappe.db.get_value(OA, name, "current_step"), "Supervisor")
		self.assertEqual(frappe.db.get_value("Social Media Group", group.name, "status"), "Under Review")

		# the counsellor joins the group: the steps go on, also at the Propaganda Department's
		group.reload()
		group.supervisor_is_member = 1
		group.save()
		self.act(name, s.u("fdy_kj"), "Approve")
		self.assertEqual(frappe.db.get_value(OA, name, "current_step"), "Propaganda")

		# and leaving the group again stops the next step
		frappe.db.set_value("Social Media Group", group.name, "supervisor_is_member", 0)
		with self.assertRaises(SupervisorNotMemberError):
			self.act(name, s.u("xcb_head"), "Approve")
		frappe.db.set_value("Social Media Group", group.name, "supervisor_is_member", 1)
		self.act(name, s.u("xcb_head"), "Approve")
		self.assertEqual(frappe.db.get_value("Social Media Group", group.name, "status"), "Active")

	def test_h4_1_a_rejection_is_not_held_up(self):
		s = self.s
		group = make_group(s.units["kj_class"], s.u("owner_kj"), member_count=30, supervisor_is_member=0)
		name = self.apply(group)
		self.act(name, s.u("fdy_kj"), "Reject")
		self.assertEqual(frappe.db.get_value(OA, name, "current_step"), "Rejected")
