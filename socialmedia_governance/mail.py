"""Email through Frappe's Email Queue, only when the site can send it.

``frappe.sendmail`` refuses (OutgoingEmailError) on a site without a default outgoing Email
Account; a record that notifies someone must still be saved there: the desk notification and
the ToDo carry the message, and the email is skipped with a line in the Error Log."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import now_datetime

from socialmedia_governance.policy import mail as policy
from socialmedia_governance.registry.settings import site_lang


def email_ready() -> bool:
	return bool(frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}))


def user_lang(user: str) -> str:
	"""The language a message to ``user`` is written in: theirs, else the site's, else English."""
	return frappe.db.get_value("User", user, "language") or site_lang()


def send(**kwargs) -> bool:
	"""``frappe.sendmail(**kwargs)`` when outgoing email is set up; False (and logged) otherwise."""
	if not email_ready():
		if not frappe.flags.smg_email_skip_logged:  # one Error Log per request or job, not per email
			frappe.flags.smg_email_skip_logged = True
			frappe.log_error(
				title=_("Email not sent: no default outgoing Email Account"),
				message=f"{kwargs.get('subject')} → {kwargs.get('recipients')}",
				reference_doctype=kwargs.get("reference_doctype"),
				reference_name=kwargs.get("reference_name"),
			)
		return False
	frappe.sendmail(**kwargs)
	return True


def require_email() -> None:
	"""For actions whose only effect is an email (reminders): a clear error when it cannot be sent."""
	if not email_ready():
		frappe.throw(
			_("Email is not set up: ask the system manager to add a default outgoing Email Account."),
			title=_("Email"),
		)


def app_doctypes() -> list[str]:
	modules = frappe.get_all("Module Def", filters={"app_name": "socialmedia_governance"}, pluck="name")
	return frappe.get_all("DocType", filters={"module": ("in", modules)}, pluck="name")


def requeue_undelivered() -> int:
	"""Hourly: put the app's emails that failed because the SMTP server was out of reach back in
	the queue (Frappe gives up after a few tries minutes apart); see policy/mail.py. Returns how
	many were requeued."""
	now = now_datetime()
	failed = frappe.get_all(
		"Email Queue",
		filters={
			"status": "Error",
			"reference_doctype": ("in", app_doctypes()),
			"creation": (">=", frappe.utils.add_days(now, -policy.REQUEUE_DAYS)),
		},
		fields=["name", "error", "creation"],
	)
	names = [row.name for row in failed if policy.should_requeue(row.error, row.creation, now)]
	if names:
		queue = frappe.qb.DocType("Email Queue")
		frappe.qb.update(queue).set(queue.status, "Not Sent").set(queue.retry, 0).set(
			queue.modified, now
		).where(queue.name.isin(names)).run()
	return len(names)
