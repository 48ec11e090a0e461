# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""Renaming or dissolving a chat group (H4.3): the group owner and the supervisor decide jointly.
Each records their approval; with both, the request is submitted and applied."""

import frappe
from frappe import _
from frappe.utils import now_datetime, today

from socialmedia_governance import ui
from socialmedia_governance.notifications import assignments
from socialmedia_governance.policy import platforms
from socialmedia_governance.registry.platform_record import PlatformRecord
from socialmedia_governance.registry.register import allow_process_update


class GroupChangeError(frappe.ValidationError):
	pass


class GroupChangeRequest(PlatformRecord):
	platform_error = GroupChangeError
	platform_fields = (("group_title", "group_name"), "owner_unit", "group_owner", "supervisor")
	copy_title = False

	def validate_record(self, group):
		if group.status == platforms.CLOSED:
			frappe.throw(_("{0} is closed already.").format(ui.bold(group.group_name)), GroupChangeError)
		if self.change_type == "Rename" and not (self.new_name or "").strip():
			frappe.throw(_("Please fill in the new name."), GroupChangeError)

	def on_update(self):
		self.sync_consent_todos()

	def sync_consent_todos(self):
		"""The group owner and the supervisor each get a ToDo until they have consented (H4.3)."""
		parties = ((self.group_owner, self.owner_approved_by), (self.supervisor, self.supervisor_approved_by))
		assignments.close(self.doctype, self.name, {user for user, done in parties if done})
		assignments.assign(self, [user for user, done in parties if user and not done], self.consent_text)

	def consent_text(self, lang: str) -> str:
		if self.change_type == "Rename":
			return _("Please consent to renaming the group {0} to {1}.", lang).format(
				ui.typed(self.group_title), ui.typed(self.new_name)
			)
		return _("Please consent to dissolving the group {0}.", lang).format(ui.typed(self.group_title))

	def before_submit(self):
		if not (self.owner_approved_by and self.supervisor_approved_by):
			frappe.throw(_("Both the group owner and the supervisor must approve first."), GroupChangeError)
		self.status = "Approved"

	def on_submit(self):
		group = frappe.get_doc("Social Media Group", self.group)
		if self.change_type == "Rename":
			group.group_name = self.new_name.strip()
		else:
			allow_process_update(group)
			group.status = platforms.CLOSED
			group.closed_on = today()
		group.save(ignore_permissions=True)
		assignments.close(self.doctype, self.name)

	def on_cancel(self):
		assignments.close(self.doctype, self.name)


@frappe.whitelist()
def approve(name: str):
	"""Record the approval of the session user as group owner or as supervisor (never both)."""
	doc = frappe.get_doc("Group Change Request", name)
	doc.check_permission("read")
	if doc.docstatus != 0:
		frappe.throw(_("This request is decided already."), GroupChangeError)
	doc.validate()  # refresh owner and supervisor from the group
	user = frappe.session.user
	if user == doc.group_owner and not doc.owner_approved_by and user != doc.supervisor_approved_by:
		doc.owner_approved_by, doc.owner_approved_on = user, now_datetime()
	elif user == doc.supervisor and not doc.supervisor_approved_by and user != doc.owner_approved_by:
		doc.supervisor_approved_by, doc.supervisor_approved_on = user, now_datetime()
	elif user in (doc.group_owner, doc.supervisor):
		frappe.throw(
			_("You have approved already; the other approval must come from another person."),
			GroupChangeError,
		)
	else:
		frappe.throw(
			_("Only the group owner and the supervisor may approve this request."), frappe.PermissionError
		)
	doc.save(ignore_permissions=True)
	if doc.owner_approved_by and doc.supervisor_approved_by:
		doc.flags.ignore_permissions = True
		doc.submit()
	return doc.status
