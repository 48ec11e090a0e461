"""Email through Frappe's Email Queue, only when the site can send it.

``frappe.sendmail`` refuses (OutgoingEmailError) on a site without a default outgoing Email
Account; a record that notifies someone must still be saved there: the desk notification and
the ToDo carry the message, and the email is skipped with a line in the Error Log."""

from __future__ import annotations

import frappe
from frappe import _


def email_ready() -> bool:
	return bool(frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}))


def user_lang(user: str) -> str:
	"""The language a message to ``user`` is written in: theirs, else the site's, else English."""
	return frappe.db.get_value("User", user, "language") or frappe.db.get_default("lang") or "en"


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
