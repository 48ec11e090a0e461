# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""Incident / correction (H9): improper information found on an account or group is handled at
once and the Propaganda Department is informed the moment it is recorded (email and a desk
notification). Timestamps found → reported → handled; handling later than the settings' hours
is flagged overdue (here and by the hourly job)."""

import frappe
from frappe import _
from frappe.utils import get_datetime, get_url_to_form, now_datetime

from socialmedia_governance import mail, ui
from socialmedia_governance.changes import value_changed
from socialmedia_governance.policy import content, platforms
from socialmedia_governance.registry.people import propaganda_people
from socialmedia_governance.registry.platform_record import PlatformRecord
from socialmedia_governance.registry.settings import get_settings


class IncidentError(frappe.ValidationError):
	pass


class Incident(PlatformRecord):
	platform_error = IncidentError

	def before_insert(self):
		self.found_by = self.found_by or frappe.session.user
		self.reported_on = now_datetime()

	def validate_record(self, platform):
		self.url = (self.url or "").strip()
		if not platforms.is_http_url(self.url):
			frappe.throw(_("The link to the post must start with http:// or https://."), IncidentError)
		if not (self.description or "").strip():
			frappe.throw(_("Describe what was wrong."), IncidentError)
		self.validate_times()
		self.set_status()

	def validate_times(self):
		if not self.found_on:
			frappe.throw(_("Enter when the information was found."), IncidentError)
		found = get_datetime(self.found_on)
		handled = get_datetime(self.handled_on) if self.handled_on else None
		messages = {
			"found_in_future": _("The time found cannot be in the future."),
			"handled_before_found": _("It cannot have been handled before it was found."),
			"handled_in_future": _("The time handled cannot be in the future."),
		}
		errors = content.incident_time_errors(found, handled, now_datetime())
		if errors:
			frappe.throw("<br>".join(messages[e] for e in errors), IncidentError)

	def set_status(self):
		found = get_datetime(self.found_on)
		hours = get_settings().incident_handling_hours
		self.handle_by = content.handle_by(found, hours)
		acted = self.deleted or self.corrected or self.statement_issued or (self.actions_taken or "").strip()
		if self.handled_on and not acted:
			frappe.throw(_("Record the actions taken before marking it handled."), IncidentError)
		if self.handled_on:
			if (
				self.status != "Handled"
				or not self.handled_by
				or value_changed(self, self.get_doc_before_save(), "handled_on")
			):
				self.handled_by = frappe.session.user
			self.status = "Handled"
		else:
			self.status = "Open"
			self.handled_by = None
		handled = get_datetime(self.handled_on) if self.handled_on else None
		self.is_overdue = 1 if content.incident_overdue(found, handled, now_datetime(), hours) else 0

	def after_insert(self):
		notify_propaganda(self)


def notify_propaganda(doc) -> list[str]:
	"""H9: the Propaganda Department hears of an incident at once (email + desk notification)."""
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

	recipients = propaganda_people()
	if not recipients:
		return []
	url = get_url_to_form(doc.doctype, doc.name)
	by_lang: dict[str, list[str]] = {}
	for user in recipients:
		lang = mail.user_lang(user)
		by_lang.setdefault(lang, []).append(user)
	for lang, users in by_lang.items():
		subject = _("Incident on {0}: improper information found", lang=lang).format(
			ui.typed(doc.platform_title)
		)
		message = "<p>{}</p><p>{}</p><p><a href='{}'>{}</a></p>".format(
			_("Found by {0} at {1}: {2}", lang=lang).format(
				ui.text(doc.found_by),
				frappe.utils.format_datetime(doc.found_on),
				ui.text(doc.url),
			),
			ui.text(doc.description),
			url,
			_("Open the incident", lang=lang),
		)
		mail.send(
			recipients=users,
			subject=subject,
			message=message,
			reference_doctype=doc.doctype,
			reference_name=doc.name,
		)
		# Frappe reads the log's fields as attributes (``doc.type``) when the recorder notifies
		# themselves, as a Propaganda Department member recording an incident does: a frappe._dict
		make_notification_logs(
			frappe._dict(
				{
					"subject": subject,
					"type": "Alert",
					"document_type": doc.doctype,
					"document_name": doc.name,
					"from_user": frappe.session.user,
					"email_content": message,
				}
			),
			users,
		)
	return recipients
