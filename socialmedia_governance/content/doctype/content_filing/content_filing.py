# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""Content filing (发布内容备案, S8): once an approved text is published, an administrator records
where and when; the approved text is copied from the request and archived. Submitting files it:
a filed record is never edited, cancelled or deleted."""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from socialmedia_governance.policy import platforms
from socialmedia_governance.registry.platform_record import PlatformRecord


class ContentFilingError(frappe.ValidationError):
	pass


class ContentFiling(PlatformRecord):
	platform_error = ContentFilingError
	platform_columns = ("account_name", "owner_unit", "tier")
	platform_fields = platform_columns
	copy_title = False

	def get_platform(self):
		"""The account, once it is known to be a target of the approved request."""
		self._request = request = self.get_request()
		if self.account not in [row.account for row in request.targets]:
			frappe.throw(
				_("{0} was not a target account of {1}.").format(self.account or "-", request.name),
				ContentFilingError,
			)
		return super().get_platform()

	def validate_record(self, platform):
		request = self._request
		self.title, self.content, self.category = request.title, request.content, request.category
		self.approved_by, self.approved_on = request.approved_by_and_on()
		self.filed_by = frappe.session.user
		self.published_url = (self.published_url or "").strip()
		if not platforms.is_http_url(self.published_url):
			frappe.throw(_("The published link must start with http:// or https://."), ContentFilingError)
		published = get_datetime(self.published_at) if self.published_at else None
		if not published:
			frappe.throw(_("Enter when the text was published."), ContentFilingError)
		if published > now_datetime():
			frappe.throw(_("The publication time cannot be in the future."), ContentFilingError)
		if self.approved_on and published < get_datetime(self.approved_on):
			frappe.throw(
				_(
					"The text was published before it was approved ({0}): report it as an incident instead."
				).format(frappe.utils.format_datetime(self.approved_on)),
				ContentFilingError,
			)
		other = frappe.db.get_value(
			"Content Filing",
			{
				"publication_request": self.publication_request,
				"account": self.account,
				"docstatus": ("<", 2),
				"name": ("!=", self.name or ""),
			},
		)
		if other:
			frappe.throw(
				_("The publication on {0} is already filed as {1}.").format(self.account_name, other),
				ContentFilingError,
			)

	def get_request(self):
		if not self.publication_request or not frappe.db.exists(
			"Publication Request", self.publication_request
		):
			frappe.throw(_("Choose the approved publication request."), ContentFilingError)
		request = frappe.get_doc("Publication Request", self.publication_request)
		if request.docstatus != 1:
			frappe.throw(
				_("{0} is not approved: only approved texts are published and filed.").format(request.name),
				ContentFilingError,
			)
		return request

	def before_update_after_submit(self):
		frappe.throw(_("A filed publication is archived and cannot be edited."), ContentFilingError)

	def before_cancel(self):
		frappe.throw(_("A filed publication is archived and cannot be cancelled."), ContentFilingError)
