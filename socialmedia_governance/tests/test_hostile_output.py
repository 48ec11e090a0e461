# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Hostile text in emails (issue 9): names and descriptions typed by users reach people in
reminder digests and incident notices. They must arrive as the user typed them — shown as text,
never as markup, never evaluated as a template, and not mangled into visible "&lt;" escapes."""

from email import message_from_bytes, policy
from email.header import decode_header, make_header

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, now_datetime, today

from socialmedia_governance.notifications import reminders
from socialmedia_governance.tests.factories import (
	ensure_outgoing_email_account,
	make_account,
	make_active,
	make_group,
	make_school,
)

HOSTILE = "<script>alert(1)</script>{{ 7*7 }}&"


def parts(raw: str) -> tuple[str, str]:
	"""The decoded subject and HTML body of a queued message."""
	message = message_from_bytes(raw.encode(), policy=policy.default)
	subject = str(make_header(decode_header(message["Subject"])))
	html = "\n".join(p.get_content() for p in message.walk() if p.get_content_type() == "text/html")
	return subject, html


class TestHostileTextInEmails(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = make_school()
		ensure_outgoing_email_account()
		frappe.db.commit()

	def assert_shown_as_typed(self, html: str, name: str):
		escaped = frappe.utils.escape_html(name)
		self.assertIn(escaped, html)  # the text, escaped once: the reader sees exactly what was typed
		self.assertNotIn("<script>", html)
		self.assertNotIn("&amp;lt;", html)  # not escaped twice (the reader would see "&lt;")

	def test_a_hostile_group_name_in_the_reminder_digest(self):
		s = self.s
		name = f"群{HOSTILE}{s.suffix}"
		group = make_active(
			make_group(s.units["xx_class"], s.u("fdy_xx"), name, member_count=90), filed=False
		)
		day = add_days(today(), 60)
		reminders.daily(day)
		queue = frappe.get_all(
			"Email Queue", filters={"reference_doctype": "Reminder Settings"}, fields=["name", "message"]
		)
		mine = [
			q.message
			for q in queue
			if frappe.db.exists("Email Queue Recipient", {"parent": q.name, "recipient": s.u("fdy_xx")})
			and group.name in q.message
		]
		self.assertEqual(len(mine), 1)
		_subject, html = parts(mine[0])
		self.assert_shown_as_typed(html, name)

	def test_a_hostile_account_name_and_description_in_the_incident_notice(self):
		s = self.s
		acc = make_active(make_account(s.units["kj"], f"号{HOSTILE}{s.suffix}"))
		incident = frappe.get_doc(
			{
				"doctype": "Incident",
				"platform_doctype": "Social Media Account",
				"platform_record": acc.name,
				"found_on": add_to_date(now_datetime(), hours=-1),
				"url": "https://mp.weixin.qq.com/s/hostile",
				"description": f"描述{HOSTILE}",
			}
		).insert(ignore_permissions=True)
		messages = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Incident", "reference_name": incident.name},
			pluck="message",
		)
		self.assertTrue(messages)
		subject, html = parts(messages[0])
		self.assertIn(f"号{HOSTILE}{s.suffix}", subject)  # a subject is plain text: as typed
		self.assert_shown_as_typed(html, f"描述{HOSTILE}")
