# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import formatdate, getdate, now_datetime, today

from socialmedia_governance.review import campaign as campaigns


class CampaignEarlyError(frappe.ValidationError):
	pass


class AnnualReviewCampaign(Document):
	def validate(self):
		if not self.year or not 2000 <= int(self.year) <= 2100:
			frappe.throw(_("Please enter a valid year."), campaigns.CampaignError)
		if self.is_new() and frappe.db.exists("Annual Review Campaign", {"year": self.year}):
			frappe.throw(_("There is already a campaign for {0}.").format(self.year), campaigns.CampaignError)
		self.open_date, self.due_date = campaigns.campaign_dates(int(self.year))

	@frappe.whitelist()
	def start(self, confirm_early: bool | int = False):
		"""Create the missing reviews in a background job (progress shown on the form). Before the
		open date only when the user confirms it; who did and when is recorded."""
		self.check_permission("write")
		if self.open_date and getdate(today()) < getdate(self.open_date):
			if not int(confirm_early or 0):
				frappe.throw(
					_("The campaign opens on {0}: confirm that it should start early.").format(
						formatdate(self.open_date)
					),
					CampaignEarlyError,
					title=_("Start Early?"),
				)
			if not self.started_early_by:
				self.db_set({"started_early_by": frappe.session.user, "started_early_on": now_datetime()})
		campaigns.open_campaign(int(self.year))
		frappe.msgprint(
			_("Creating the reviews in the background; the counts update when it is done."), alert=True
		)
