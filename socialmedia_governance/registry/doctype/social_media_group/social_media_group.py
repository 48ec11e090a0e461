# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from socialmedia_governance.policy import groups
from socialmedia_governance.registry.register import RegisteredPlatform, RegisterError
from socialmedia_governance.registry.supervision import get_settings


class SocialMediaGroup(RegisteredPlatform):
	kind = "Chat Group"
	title_field_name = "group_name"

	def validate(self):
		self.validate_member_count()
		super().validate()
		self.set_filing_required()

	def validate_member_count(self):
		problem = groups.member_count_problem(self.member_count)
		if problem == "negative":
			frappe.throw(_("The member count cannot be negative."), RegisterError)
		if problem:
			frappe.throw(_("The member count must be a whole number."), RegisterError)

	def set_filing_required(self):
		"""H4.1: 50+ members (the setting) or the school's name makes Propaganda filing mandatory."""
		self.filing_required = int(
			groups.filing_required(
				self.member_count, get_settings().group_filing_threshold, self.uses_school_name
			)
		)
