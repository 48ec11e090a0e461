# Copyright (c) 2026, socialmedia_governance developers and contributors
"""H4.3: group owner and supervisor jointly decide renaming and dissolution."""

import frappe

from socialmedia_governance.filing.doctype.group_change_request.group_change_request import (
	GroupChangeError,
	approve,
)
from socialmedia_governance.registry.register import allow_process_update
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import make_group

GC = "Group Change Request"


class TestGroupChangeRequest(SchoolTestCase):
	def setUp(self):
		self.grp = make_group(
			self.s.units["kj_class"], self.s.u("owner_kj"), "会计2301班通知群", member_count=40
		)
		allow_process_update(self.grp)
		self.grp.status = "Active"
		self.grp.save(ignore_permissions=True)

	def request(self, change_type, **values):
		frappe.set_user(self.s.u("owner_kj"))
		try:
			return frappe.get_doc(
				{
					"doctype": GC,
					"group": self.grp.name,
					"change_type": change_type,
					"reason": "班级合并",
					**values,
				}
			).insert()
		finally:
			frappe.set_user("Administrator")

	def approve_as(self, user, name):
		frappe.set_user(user)
		try:
			return approve(name)
		finally:
			frappe.set_user("Administrator")

	def test_h4_3_rename_needs_owner_and_supervisor(self):
		req = self.request("Rename", new_name="会计2301班家校群")
		self.assertEqual(self.approve_as(self.s.u("owner_kj"), req.name), "Awaiting Approvals")
		self.assertEqual(
			frappe.db.get_value("Social Media Group", self.grp.name, "group_name"), "会计2301班通知群"
		)
		with self.assertRaises(GroupChangeError):
			frappe.get_doc(GC, req.name).submit()  # not without the supervisor
		self.assertEqual(self.approve_as(self.s.u("fdy_kj"), req.name), "Approved")
		self.assertEqual(
			frappe.db.get_value("Social Media Group", self.grp.name, "group_name"), "会计2301班家校群"
		)

	def test_h4_3_dissolve_needs_both_and_closes_the_group(self):
		req = self.request("Dissolve")
		self.approve_as(self.s.u("fdy_kj"), req.name)
		self.assertEqual(frappe.db.get_value("Social Media Group", self.grp.name, "status"), "Active")
		self.approve_as(self.s.u("owner_kj"), req.name)
		self.assertEqual(frappe.db.get_value("Social Media Group", self.grp.name, "status"), "Closed")

	def test_h4_3_third_party_cannot_approve_and_nobody_approves_twice(self):
		req = self.request("Rename", new_name="新群名")
		with self.assertRaises(frappe.PermissionError):
			self.approve_as(self.s.u("kj_dean"), req.name)
		self.approve_as(self.s.u("owner_kj"), req.name)
		with self.assertRaises(GroupChangeError):
			self.approve_as(self.s.u("owner_kj"), req.name)
		self.assertEqual(frappe.db.get_value(GC, req.name, "docstatus"), 0)

	def test_h4_3_rename_without_a_new_name_is_refused(self):
		with self.assertRaises(GroupChangeError):
			self.request("Rename")
