# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""An award ban (H10.1, S18): no award or honour for a person or unit from start to end (inclusive).
It ends by itself: eligibility compares the dates, no job is needed."""

import frappe
from frappe import _
from frappe.utils import getdate

from socialmedia_governance.validation import TypeCheckedDocument


class AwardBanError(frappe.ValidationError):
	pass


class AwardBan(TypeCheckedDocument):
	def validate(self):
		if not self.violation or not frappe.db.exists("Violation", self.violation):
			frappe.throw(
				_("An award ban follows from a decided violation: choose the violation."), AwardBanError
			)
		if self.subject_type not in ("User", "Organization Unit") or not frappe.db.exists(
			self.subject_type, self.subject or ""
		):
			frappe.throw(_("Choose the person or unit barred."), AwardBanError)
		if getdate(self.end_date) < getdate(self.start_date):
			frappe.throw(_("The ban cannot end before it starts."), AwardBanError)
		if self.subject_type == "User":
			self.subject_name = frappe.db.get_value("User", self.subject, "full_name") or self.subject
		else:
			self.subject_name = (
				frappe.db.get_value("Organization Unit", self.subject, "unit_name") or self.subject
			)
