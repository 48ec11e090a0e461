# Copyright (c) 2026, socialmedia_governance developers and contributors
"""People are told what waits for them, and see only their own ToDos (issue 15, item 6):
the approval steps' ToDos, the supervisor's consent to a group rename or dissolution (H4.3), a
person newly named administrator."""

import frappe

from socialmedia_governance.filing.doctype.group_change_request.group_change_request import approve
from socialmedia_governance.policy import routes
from socialmedia_governance.registry.people import step_approvers
from socialmedia_governance.registry.register import allow_process_update
from socialmedia_governance.tests.base import OA, SchoolTestCase, on_platform
from socialmedia_governance.tests.factories import make_account, make_group, make_user

GC = "Group Change Request"


def open_todos(doctype, name):
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": doctype, "reference_name": name, "status": "Open"},
		fields=["allocated_to", "description", "assigned_by"],
	)


class TestAssignments(SchoolTestCase):
	workflows = True
	doctype = OA  # what ``act`` works on

	def submitted_application(self):
		"""A college account and its opening application, submitted by its administrator."""
		s = self.s
		acc = make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}])
		app = self.as_user(
			s.u("admin_kj"),
			lambda: frappe.get_doc(on_platform(acc, OA, reason="发布学院工作动态")).insert(),
		)
		self.act(app, s.u("admin_kj"), "Submit for Approval")
		return acc, app

	def visible_todos(self, user, name):
		return self.as_user(
			user,
			lambda: frappe.get_list("ToDo", filters={"reference_name": name}, pluck="allocated_to"),
		)

	def test_s4_next_steps_todos_are_not_in_the_approvers_list_and_speak_the_holders_language(self):
		s = self.s
		frappe.db.set_value("User", s.u("xcb_head"), "language", "en")  # one approver reads English
		acc, app = self.submitted_application()
		self.act(app, s.u("kj_dean"), "Approve")
		todos = open_todos(OA, app.name)
		# the Propaganda step's holders (its head and every Propaganda Manager: earlier tests' schools
		# on the same site add theirs), never the head who passed it on nor the applicant
		holders = set(step_approvers(routes.PROPAGANDA, acc))
		self.assertIn(s.u("xcb_head"), holders)
		self.assertEqual({t.allocated_to for t in todos}, holders)
		self.assertFalse({s.u("kj_dean"), s.u("admin_kj")} & holders)
		self.assertEqual({t.assigned_by for t in todos}, {None})
		# the head who passed it on sees his own (closed) ToDo, not the Propaganda step's
		self.assertEqual(set(self.visible_todos(s.u("kj_dean"), app.name)), {s.u("kj_dean")})
		self.assertEqual(set(self.visible_todos(s.u("admin_kj"), app.name)), set())
		self.assertIn(s.u("xcb_head"), self.visible_todos(s.u("xcb_head"), app.name))
		# written for its holder, in English, whatever the language of whoever caused it
		(mine,) = [t for t in todos if t.allocated_to == s.u("xcb_head")]
		self.assertIn("step Propaganda", mine.description)
		frappe.db.set_value("User", s.u("xcb_head"), "language", "zh")

	def test_closed_reads_differently_on_a_todo_and_on_a_platform(self):
		self.assertEqual(frappe._("Closed", "zh"), "已关闭")
		for doctype in ("Social Media Account", "Social Media Group"):
			self.assertEqual(frappe._("Closed", "zh", context=doctype), "已注销")

	def test_h4_3_the_supervisor_and_the_owner_get_a_todo_until_they_consent(self):
		s = self.s
		grp = make_group(s.units["kj_class"], s.u("owner_kj"), "会计2301班通知群", member_count=40)
		allow_process_update(grp)
		grp.status = "Active"
		grp.save(ignore_permissions=True)
		req = self.as_user(
			s.u("owner_kj"),
			lambda: frappe.get_doc(
				{
					"doctype": GC,
					"group": grp.name,
					"change_type": "Rename",
					"new_name": "会计2301班家校群",
					"reason": "班级合并",
				}
			).insert(),
		)
		todos = {t.allocated_to: t.description for t in open_todos(GC, req.name)}
		self.assertEqual(set(todos), {s.u("owner_kj"), s.u("fdy_kj")})
		self.assertIn("会计2301班家校群", todos[s.u("fdy_kj")])
		self.assertIn("同意", todos[s.u("fdy_kj")])  # asked for consent, in words (no clause code)
		# the owner who asked sees his own ToDo, not the supervisor's
		self.assertEqual(set(self.visible_todos(s.u("owner_kj"), req.name)), {s.u("owner_kj")})
		self.as_user(s.u("owner_kj"), approve, req.name)
		self.assertEqual({t.allocated_to for t in open_todos(GC, req.name)}, {s.u("fdy_kj")})
		self.as_user(s.u("fdy_kj"), approve, req.name)
		self.assertEqual(open_todos(GC, req.name), [])

	def test_a_person_newly_named_administrator_is_notified(self):
		s = self.s
		newcomer = make_user(f"newadmin-{s.suffix}@test.example.com")
		acc = make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}])
		told = {"for_user": ("in", (newcomer, s.u("admin_kj"))), "document_name": acc.name}
		before = frappe.get_all("Notification Log", filters=told, pluck="for_user")
		frappe.set_user(s.u("kj_dean"))
		try:
			doc = frappe.get_doc("Social Media Account", acc.name)
			doc.append("administrators", {"user": newcomer})
			doc.save()
		finally:
			frappe.set_user("Administrator")
		after = frappe.get_all("Notification Log", filters=told, fields=["for_user", "subject"])
		# the newcomer is told once; the administrator already there is not told again
		self.assertEqual(len(after), len(before) + 1)
		subject = next(n.subject for n in after if n.for_user == newcomer)
		self.assertIn(acc.account_name, subject)
		self.assertIn("管理员", subject)

	def test_s4_approval_email_speaks_the_approvers_language(self):
		import email
		from email.header import decode_header, make_header

		from socialmedia_governance.filing.approval_flow import send_workflow_action_emails
		from socialmedia_governance.tests.factories import ensure_outgoing_email_account

		s = self.s
		ensure_outgoing_email_account()
		_acc, app = self.submitted_application()
		frappe.db.delete("Email Queue", {"reference_name": app.name})
		self.assertEqual(send_workflow_action_emails(OA, app.name, [s.u("kj_dean")]), 1)
		raw = frappe.get_all("Email Queue", filters={"reference_name": app.name}, pluck="message")[0]
		message = email.message_from_string(raw)
		subject = str(make_header(decode_header(message["Subject"])))
		self.assertIn("等待您审批", subject)
		self.assertNotIn("Workflow Action", raw)
