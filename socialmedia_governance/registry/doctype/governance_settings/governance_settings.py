# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt

import calendar

import frappe
from frappe import _
from frappe.model.document import Document

from socialmedia_governance.policy import presets


class GovernanceSettingsError(frappe.ValidationError):
	pass


class GovernanceSettings(Document):
	def validate(self):
		self.validate_ranges()
		self.validate_review_dates()

	def validate_ranges(self):
		limits = {
			"change_report_working_days": (1, 60),
			"group_filing_threshold": (1, 100000),
			"award_ban_months": (1, 120),
		}
		for field, (low, high) in limits.items():
			value = self.get(field)
			if value is None or not (low <= int(value) <= high):
				frappe.throw(
					_("{0} must be between {1} and {2}.").format(_(self.meta.get_label(field)), low, high),
					GovernanceSettingsError,
				)

	def validate_review_dates(self):
		for month_field, day_field in (
			("review_open_month", "review_open_day"),
			("review_due_month", "review_due_day"),
		):
			month, day = int(self.get(month_field) or 0), int(self.get(day_field) or 0)
			if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2024, month)[1]:
				frappe.throw(
					_("{0} / {1} is not a valid day of the year.").format(month, day), GovernanceSettingsError
				)
		if (self.review_due_month, self.review_due_day) < (self.review_open_month, self.review_open_day):
			frappe.throw(_("The annual review cannot be due before it opens."), GovernanceSettingsError)

	def on_update(self):
		frappe.clear_document_cache(self.doctype, self.doctype)

	@frappe.whitelist()
	def apply_preset(self, preset: str | None = None):
		"""Fill the policy values from one of the shipped regulations (then saved by the caller)."""
		self.check_permission("write")
		preset = preset or self.preset
		if preset not in presets.PRESETS:
			frappe.throw(_("Unknown preset {0}.").format(preset), GovernanceSettingsError)
		self.preset = preset
		self.update(presets.preset_values(preset))
		self.save()
		frappe.msgprint(_("Preset {0} applied.").format(preset), alert=True)
		return self.as_dict()
