# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Reliability (issue 9): the SMTP server down. The app's emails wait in Frappe's Email Queue and
are retried; after Frappe gives up ("Error"), the hourly requeue puts the ones that failed for
want of a server back, and once the server answers every one of them is delivered — none lost.
A message the server refused for itself (unknown recipient) is not retried for ever."""

import socket

import frappe
from frappe.email.queue import flush
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, now_datetime

from socialmedia_governance import mail
from socialmedia_governance.tests.factories import (
	ensure_outgoing_email_account,
	make_account,
	make_active,
	make_school,
)

UNKNOWN = "nobody-here@test.example.com"


def scheduler_flush():
	"""One run of Frappe's scheduled ``flush``. With many failures in a batch it stops the run
	with an error (the scheduler logs it and runs it again at the next tick), as here."""
	try:
		flush()
	except frappe.ValidationError:
		frappe.db.rollback()


def free_port() -> int:
	with socket.socket() as sock:
		sock.bind(("127.0.0.1", 0))
		return sock.getsockname()[1]


class TestSmtpDown(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = make_school()
		cls.account = ensure_outgoing_email_account()
		cls.acc = make_active(make_account(cls.s.units["kj"]))
		frappe.db.commit()

	def setUp(self):
		self.old_port = frappe.db.get_value("Email Account", self.account, "smtp_port")
		frappe.flags.testing_email = True  # Frappe's switch for a real SMTP conversation in tests
		# other tests' mail waits out of the way, so that flush() works on this test's alone
		self.held = frappe.get_all(
			"Email Queue", filters={"status": ("in", ("Not Sent", "Partially Sent"))}, pluck="name"
		)
		self.set_send_after(self.held, add_days(now_datetime(), 1))

	def tearDown(self):
		frappe.flags.testing_email = False
		frappe.db.set_value("Email Account", self.account, "smtp_port", self.old_port)
		self.set_send_after(self.held, None)
		frappe.clear_cache()
		frappe.db.commit()

	def set_send_after(self, names, value):
		if names:
			queue = frappe.qb.DocType("Email Queue")
			frappe.qb.update(queue).set(queue.send_after, value).where(queue.name.isin(names)).run()
			frappe.db.commit()

	def point_smtp_at(self, port):
		frappe.db.set_value("Email Account", self.account, "smtp_port", port)
		frappe.clear_cache()
		frappe.db.commit()

	def statuses(self, names):
		return frappe.get_all("Email Queue", filters={"name": ("in", names)}, pluck="status")

	def test_mail_queued_while_smtp_is_down_is_retried_requeued_and_delivered(self):
		from aiosmtpd.controller import Controller

		incident = frappe.get_doc(
			{
				"doctype": "Incident",
				"platform_doctype": "Social Media Account",
				"platform_record": self.acc.name,
				"found_on": add_to_date(now_datetime(), hours=-1),
				"url": "https://mp.weixin.qq.com/s/down",
				"description": "服务器故障期间发现的不当信息",
			}
		).insert(ignore_permissions=True)
		mail.send(
			recipients=[UNKNOWN],
			subject="无此收件人",
			message="测试",
			reference_doctype="Incident",
			reference_name=incident.name,
		)
		frappe.db.commit()
		queued = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Incident", "reference_name": incident.name},
			fields=["name", "status"],
		)
		names = [q.name for q in queued]
		refused = frappe.get_all(
			"Email Queue Recipient", filters={"parent": ("in", names), "recipient": UNKNOWN}, pluck="parent"
		)
		self.assertEqual(len(refused), 1)
		good = [name for name in names if name not in refused]
		self.assertTrue(good, "the incident notice to the Propaganda Department was queued")
		expected = set(
			frappe.get_all("Email Queue Recipient", filters={"parent": ("in", good)}, pluck="recipient")
		)
		self.assertIn(self.s.u("xcb_head"), expected)

		# 1. the server is down: every scheduler flush tries again, then Frappe gives up
		self.point_smtp_at(free_port())
		for _attempt in range(60):
			scheduler_flush()
			if set(self.statuses(names)) == {"Error"}:
				break
			# waiting for the next try (or given up on, once tried often enough)
			self.assertLessEqual(set(self.statuses(names)), {"Not Sent", "Error"})
		self.assertEqual(set(self.statuses(names)), {"Error"})
		self.assertEqual(
			frappe.db.count("Email Queue Recipient", {"parent": ("in", names), "status": "Sent"}), 0
		)

		# 2. the hourly job puts them back; flushing while still down keeps them, never drops them
		self.assertGreaterEqual(mail.requeue_undelivered(), len(names))
		self.assertEqual(set(self.statuses(names)), {"Not Sent"})

		# 3. the server is back: it refuses the unknown address and takes everything else
		received = []

		class Handler:
			async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
				if address == UNKNOWN:
					return "550 5.1.1 no such user"
				envelope.rcpt_tos.append(address)
				return "250 OK"

			async def handle_DATA(self, server, session, envelope):
				received.extend(envelope.rcpt_tos)
				return "250 OK"

		port = free_port()
		controller = Controller(Handler(), hostname="127.0.0.1", port=port)
		controller.start()
		try:
			self.point_smtp_at(port)
			for _attempt in range(8):
				scheduler_flush()
		finally:
			controller.stop()
		self.assertEqual(set(received), expected)  # every recipient of every notice: none lost
		self.assertEqual(set(self.statuses(good)), {"Sent"})
		self.assertEqual(self.statuses(refused), ["Error"])
		error = frappe.db.get_value("Email Queue", refused[0], "error")
		self.assertIn("SMTPRecipientsRefused", error)

		# 4. a message the server refused for itself is not put back
		mail.requeue_undelivered()
		self.assertEqual(self.statuses(refused), ["Error"])
