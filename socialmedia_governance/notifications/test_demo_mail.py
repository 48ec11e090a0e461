# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Re-running scripts/setup on a demo loaded by an earlier version keeps working: that demo has its
outgoing Email Account under a longer name, and the address is unique (the re-run stopped with
"Duplicate entry 'notify@demo.edu.cn' for key 'email_id'")."""

import frappe
from frappe.tests.utils import FrappeTestCase

from socialmedia_governance.notifications.demo_mail import ACCOUNT_NAME, EMAIL_ID, demo_email_account

EARLIER_NAME = "新媒体管理通知（本机中继）"  # the name session 4's demo gave it


class TestDemoMail(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_an_earlier_demos_account_is_renamed_not_made_twice(self):
		if frappe.db.exists("Email Account", ACCOUNT_NAME):  # the tests' own outgoing account
			frappe.rename_doc("Email Account", ACCOUNT_NAME, "smg-tests-aside", force=True)
		frappe.db.delete("Email Account", {"email_id": EMAIL_ID})
		earlier = frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": EARLIER_NAME,
				"email_id": EMAIL_ID,
				"enable_outgoing": 1,
				"smtp_server": "127.0.0.1",
				"smtp_port": 2525,
				"no_smtp_authentication": 1,
			}
		)
		frappe.local.flags.in_patch = True  # no SMTP connection attempt on save, as in demo_mail
		try:
			earlier.insert(ignore_permissions=True)
		finally:
			frappe.local.flags.in_patch = False

		self.assertEqual(demo_email_account(), ACCOUNT_NAME)
		self.assertEqual(demo_email_account(), ACCOUNT_NAME)  # and again: nothing changes
		accounts = frappe.get_all(
			"Email Account", filters={"email_id": EMAIL_ID}, fields=["name", "email_account_name"]
		)
		self.assertEqual([(a.name, a.email_account_name) for a in accounts], [(ACCOUNT_NAME, ACCOUNT_NAME)])
		self.assertFalse(frappe.db.exists("Email Account", EARLIER_NAME))
