# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from socialmedia_governance import ui
from socialmedia_governance.policy import groups
from socialmedia_governance.registry.register import RegisteredPlatform, RegisterError
from socialmedia_governance.registry.settings import get_settings


class SupervisorNotMemberError(RegisterError):
	pass


class SocialMediaGroup(RegisteredPlatform):
	kind = "Chat Group"
	title_field_name = "group_name"

	def validate(self):
		self.validate_member_count()
		super().validate()
		self.set_filing_required()
		self.supervisor_not_member = int(
			groups.supervisor_membership_unmet(self.supervisor, self.supervisor_is_member)
		)

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

	def check_supervisor_is_member(self):
		"""H4.1: no step of the group's opening is approved until its supervisor is a member."""
		if groups.supervisor_membership_unmet(self.supervisor, self.supervisor_is_member):
			frappe.throw(
				_(
					"{0}: the supervisor {1} must be a member of the group. Add them to the group and record it on the group (Supervisor Is a Member) before approving."
				).format(
					ui.bold(self.group_name),
					ui.bold(frappe.db.get_value("User", self.supervisor, "full_name") or self.supervisor),
				),
				SupervisorNotMemberError,
				title=_("Supervisor Not Yet a Member"),
			)
