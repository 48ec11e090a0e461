# Copyright (c) 2026, socialmedia_governance developers and contributors
"""H9: improper information handled at once, the Propaganda Department informed on creation."""

import frappe
from frappe.utils import add_to_date, get_datetime, now_datetime

from socialmedia_governance.content.doctype.incident.incident import IncidentError
from socialmedia_governance.content.jobs import mark_overdue
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import (
	ensure_outgoing_email_account,
	make_account,
	make_active,
	make_group,
	queued_recipients,
)


class TestIncident(SchoolTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()
		s = cls.s
		cls.acc = make_active(make_account(s.units["kj_class"], administrators=[{"user": s.u("owner_kj")}]))
		cls.group = make_active(make_group(s.units["kj_class"], s.u("owner_kj"), member_count=60))

	def report(self, user, platform=None, **values):
		frappe.set_user(user)
		platform = platform or self.acc
		return frappe.get_doc(
			{
				"doctype": "Incident",
				"platform_doctype": platform.doctype,
				"platform_record": platform.name,
				"found_on": add_to_date(now_datetime(), minutes=-30),
				"url": "https://mp.weixin.qq.com/s/wrong",
				"description": "转发了未经核实的停课消息",
				**values,
			}
		).insert()

	def test_h9_propaganda_is_notified_at_once(self):
		s = self.s
		doc = self.report(s.u("fdy_kj"))
		self.assertEqual(doc.found_by, s.u("fdy_kj"))
		self.assertEqual(doc.status, "Open")
		self.assertTrue(doc.reported_on)
		# email to the Propaganda Department (head of the unit + managers) and a desk notification
		self.assertIn(s.u("xcb_head"), queued_recipients("Incident", doc.name))
		self.assertNotIn(s.u("fdy_kj"), queued_recipients("Incident", doc.name))
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": s.u("xcb_head"), "document_name": doc.name})
		)
		# deadline from the settings (24 hours by default)
		self.assertEqual(get_datetime(doc.handle_by), add_to_date(get_datetime(doc.found_on), hours=24))

	def test_h9_handled_with_actions_in_time_or_flagged_overdue(self):
		s = self.s
		doc = self.report(s.u("owner_kj"), platform=self.group)
		frappe.set_user(s.u("owner_kj"))
		doc.handled_on = now_datetime()
		frappe.local.lang = "zh"
		with self.assertRaises(IncidentError) as ctx:
			doc.save()
		self.assertIn("处置措施", str(ctx.exception))
		doc.reload()
		doc.handled_on = now_datetime()
		doc.deleted, doc.statement_issued = 1, 1
		doc.actions_taken = "删除原帖并在群内说明"
		doc.save()
		self.assertEqual((doc.status, doc.is_overdue, doc.handled_by), ("Handled", 0, s.u("owner_kj")))
		# found two days ago and handled now: overdue
		late = self.report(s.u("owner_kj"), found_on=add_to_date(now_datetime(), days=-2))
		self.assertEqual(late.is_overdue, 1)
		# still open past the deadline: the hourly job flags it
		frappe.db.set_value("Incident", doc.name, {"status": "Open", "handled_on": None, "is_overdue": 0})
		frappe.db.set_value("Incident", doc.name, "handle_by", add_to_date(now_datetime(), hours=-1))
		mark_overdue()
		self.assertEqual(frappe.db.get_value("Incident", doc.name, "is_overdue"), 1)

	def test_h9_visible_to_the_finder_the_unit_and_propaganda_only(self):
		s = self.s
		doc = self.report(s.u("fdy_xx"))  # a counsellor of another college reports what she saw
		frappe.set_user(s.u("fdy_xx"))
		self.assertIn(doc.name, frappe.get_list("Incident", pluck="name"))
		frappe.set_user(s.u("kj_dean"))
		self.assertIn(doc.name, frappe.get_list("Incident", pluck="name"))
		frappe.set_user(s.u("xx_dean"))
		self.assertNotIn(doc.name, frappe.get_list("Incident", pluck="name"))
		frappe.set_user(s.u("auditor"))
		self.assertIn(doc.name, frappe.get_list("Incident", pluck="name"))

	def test_h9_bad_input(self):
		s = self.s
		frappe.local.lang = "zh"
		with self.assertRaises(IncidentError) as ctx:
			self.report(s.u("fdy_kj"), url="朋友圈截图")
		self.assertIn("http", str(ctx.exception))
		with self.assertRaises(IncidentError) as ctx:
			self.report(s.u("fdy_kj"), found_on=add_to_date(now_datetime(), days=1))
		self.assertIn("发现时间", str(ctx.exception))
		with self.assertRaises(IncidentError):
			self.report(
				s.u("fdy_kj"),
				handled_on=add_to_date(now_datetime(), hours=-2),
				deleted=1,
			)
		with self.assertRaises(IncidentError):
			self.report(s.u("fdy_kj"), description="  ")

	def test_h9_the_propaganda_department_records_an_incident(self):
		"""Issue 15: a Propaganda Manager recording an incident is one of the people notified; Frappe
		then read the notification as an object and the save ended in a server error."""
		s = self.s
		doc = self.report(s.u("xcb_head"))
		self.assertEqual((doc.found_by, doc.status), (s.u("xcb_head"), "Open"))
		# the recorder is told too (an Alert reaches its own author), like every colleague
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": s.u("xcb_head"), "document_name": doc.name})
		)

	def test_h9_handled_by_stays_with_who_handled_it(self):
		"""Saving the handled incident again from the desk (which sends the time as text) does not
		make the later editor its handler: the time is compared by type, not as text."""
		import json

		from frappe.desk.form.save import savedocs

		s = self.s
		doc = self.report(s.u("owner_kj"), platform=self.group)
		frappe.set_user(s.u("owner_kj"))
		doc.handled_on, doc.deleted = add_to_date(now_datetime(), minutes=-1), 1
		doc.save()
		self.assertEqual(doc.handled_by, s.u("owner_kj"))
		frappe.set_user(s.u("xcb_head"))
		form = json.loads(frappe.as_json(frappe.get_doc("Incident", doc.name).as_dict()))
		form["actions_taken"] = "已删除，并在群内更正"
		savedocs(json.dumps(form), "Save")
		self.assertEqual(frappe.db.get_value("Incident", doc.name, "handled_by"), s.u("owner_kj"))
