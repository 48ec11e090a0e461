"""The demo's outgoing mail: an Email Account on a relay on this machine, so that a user trying
the demo sees the reminders and notices arrive (README, "Reminders": how to run the relay)."""

from __future__ import annotations

import frappe

RELAY_HOST = "127.0.0.1"
RELAY_PORT = 2525
ACCOUNT_NAME = "新媒体管理通知"  # short: Frappe puts it, encoded, in a 140-character sender field
EMAIL_ID = "notify@demo.edu.cn"


def demo_email_account(port: int = RELAY_PORT) -> str:
	"""The default outgoing Email Account on the loopback relay, without a login ("Disable SMTP
	server authentication" ticked, as a relay that needs none wants). Idempotent; a demo loaded by
	an earlier version has the account under a longer name (too long for the sender field): it is
	renamed, not made a second time (the address is unique)."""
	if frappe.db.exists("Email Account", ACCOUNT_NAME):
		return ACCOUNT_NAME
	if earlier := frappe.db.get_value("Email Account", {"email_id": EMAIL_ID}, "name"):
		frappe.rename_doc("Email Account", earlier, ACCOUNT_NAME, force=True)
		frappe.db.set_value("Email Account", ACCOUNT_NAME, "email_account_name", ACCOUNT_NAME)
		return ACCOUNT_NAME
	doc = frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": ACCOUNT_NAME,
			"email_id": EMAIL_ID,
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": RELAY_HOST,
			"smtp_port": port,
			"use_tls": 0,
			"use_ssl_for_outgoing": 0,
			"no_smtp_authentication": 1,
		}
	)
	# Frappe tries a connection to a server on this machine when the account is saved; the relay
	# need not run while the demo loads (mail waits in the queue until it does), so the check is
	# skipped as Frappe itself skips it in patches.
	in_patch = frappe.local.flags.in_patch
	frappe.local.flags.in_patch = True
	try:
		doc.insert(ignore_permissions=True)
	finally:
		frappe.local.flags.in_patch = in_patch
	return doc.name
