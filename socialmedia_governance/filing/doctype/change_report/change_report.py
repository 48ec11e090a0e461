# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""Change report (S13, H7.2): name, administrators, supervisor, contact or password changes are
reported within N working days (settings, default 3) on the official calendar. Submitting it
records the report with the Propaganda Department and updates the register (history is kept by
the register's version log). A personnel change stays incomplete until the password rotation is
confirmed (S13)."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from socialmedia_governance.filing.calendar import change_deadline
from socialmedia_governance.filing.doctype.credential_custody.credential_custody import custody_for
from socialmedia_governance.policy import change_reports
from socialmedia_governance.registry.platform_record import PlatformRecord

PERSONNEL = ("Administrator", "Supervisor")


class ChangeReportError(frappe.ValidationError):
	pass


class ChangeReport(PlatformRecord):
	platform_error = ChangeReportError
	platform_fields = ("owner_unit", "tier", "tier2_unit")

	def before_insert(self):
		self.report_date = today()

	def validate_record(self, platform):
		before = self.get_doc_before_save()
		# the report date is when it was made, never what a client sends (it decides lateness)
		self.report_date = (before.report_date if before else None) or self.report_date or today()
		if self.is_new():
			self.report_date = today()
		if getdate(self.event_date) > getdate(self.report_date):
			frappe.throw(_("The date of the change cannot be in the future."), ChangeReportError)
		deadline = change_deadline(self.event_date)
		self.due_date = deadline.due
		self.is_late = 1 if getdate(self.report_date) > deadline.due else 0
		self.calendar_warning = (
			_(
				"The official calendar of {0} is not known yet: the due date counts Monday to Friday. Enter that year's holidays under Calendar Exception."
			).format(", ".join(w.split(":")[-1] for w in deadline.warnings))
			if deadline.warnings
			else None
		)
		if self.change_type in ("Account Name", "Contact") and not (self.new_value or "").strip():
			frappe.throw(_("Please fill in the new value."), ChangeReportError)
		if self.change_type == "Administrator" and not self.new_administrators:
			frappe.throw(_("Please list the new administrators."), ChangeReportError)
		if self.docstatus == 0:
			self.completion_status = change_reports.OPEN

	def on_submit(self):
		platform = self.get_platform()
		if self.change_type == "Account Name":
			platform.set(
				"account_name" if self.platform_doctype == "Social Media Account" else "group_name",
				self.new_value.strip(),
			)
		elif self.change_type == "Administrator":
			platform.set("administrators", [])
			for row in self.new_administrators:
				platform.append(
					"administrators",
					{
						"user": row.user,
						"admin_role": row.admin_role,
						"phone": row.phone,
						"from_date": row.from_date or self.event_date,
					},
				)
		elif self.change_type == "Contact":
			chief = (
				next((a for a in platform.administrators if a.admin_role == "Chief Administrator"), None)
				or (platform.administrators or [None])[0]
			)
			if chief:
				chief.phone = self.new_value.strip()
		platform.save(ignore_permissions=True)
		custody = custody_for(self.platform_doctype, self.platform_record)
		if self.change_type == "Password Rotation":
			self.mark_rotated(self.event_date, custody)
		elif self.change_type in PERSONNEL and not self.password_rotation_confirmed:
			self.db_set("completion_status", change_reports.AWAITING_ROTATION)
			custody.db_set("rotation_due", 1)
		else:
			self.db_set("completion_status", change_reports.COMPLETE)

	def before_cancel(self):
		frappe.throw(
			_("A recorded change report cannot be cancelled; report the correction as a new change."),
			ChangeReportError,
		)

	def mark_rotated(self, rotated_on, custody=None):
		self.db_set(
			{
				"password_rotation_confirmed": 1,
				"password_rotated_on": rotated_on,
				"completion_status": change_reports.COMPLETE,
			}
		)
		custody = custody or custody_for(self.platform_doctype, self.platform_record)
		still_waiting = frappe.db.exists(
			"Change Report",
			{
				"platform_record": self.platform_record,
				"docstatus": 1,
				"completion_status": change_reports.AWAITING_ROTATION,
				"name": ("!=", self.name),
			},
		)
		custody.db_set({"last_rotation_on": rotated_on, "rotation_due": 1 if still_waiting else 0})


@frappe.whitelist()
def confirm_password_rotation(name: str, rotated_on: str | None = None):
	"""S13: the password was changed after the personnel change; the report is then complete."""
	doc = frappe.get_doc("Change Report", name)
	doc.check_permission("write")
	if doc.docstatus != 1:
		frappe.throw(
			_("The change report must be recorded by the Propaganda Department first."), ChangeReportError
		)
	if doc.completion_status != change_reports.AWAITING_ROTATION:
		frappe.throw(_("This change report is not waiting for a password rotation."), ChangeReportError)
	rotated_on = getdate(rotated_on or today())
	if rotated_on > getdate(today()) or rotated_on < getdate(doc.event_date):
		frappe.throw(_("The rotation date must lie between the change and today."), ChangeReportError)
	doc.mark_rotated(rotated_on)
	return doc.completion_status
