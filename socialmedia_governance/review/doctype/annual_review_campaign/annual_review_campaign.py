# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from socialmedia_governance.review import campaign as campaigns


class AnnualReviewCampaign(Document):
	def validate(self):
		if not self.year or not 2000 <= int(self.year) <= 2100:
			frappe.throw(_("Please enter a valid year."), campaigns.CampaignError)
		if self.is_new() and frappe.db.exists("Annual Review Campaign", {"year": self.year}):
			frappe.throw(_("There is already a campaign for {0}.").format(self.year), campaigns.CampaignError)
		self.open_date, self.due_date = campaigns.campaign_dates(int(self.year))

	@frappe.whitelist()
	def start(self):
		"""Create the missing reviews in a background job (progress shown on the form)."""
		self.check_permission("write")
		campaigns.open_campaign(int(self.year))
		frappe.msgprint(
			_("Creating the reviews in the background; the counts update when it is done."), alert=True
		)
