# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""One account's task in a coordinated release (H8): the administrator confirms with the link."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from socialmedia_governance.content.doctype.coordinated_release.coordinated_release import update_progress
from socialmedia_governance.policy import content, platforms
from socialmedia_governance.registry.supervision import ScopeColumns

FIXED = ("release", "account", "deadline", "owner_unit")


class ReleaseTaskError(frappe.ValidationError):
	pass


class ReleaseTask(ScopeColumns, Document):
	"""Carries its account's row-level scope columns (``ScopeColumns``; the release's issue copies
	them from the accounts, the tree code keeps them): a tier-2 unit's head and the Youth League
	read their tasks, and Coordinated Release Progress its counts, through them."""

	def validate(self):
		before = self.get_doc_before_save()
		if before and any(before.get(f) != self.get(f) for f in FIXED):
			frappe.throw(_("The release and the account of a task cannot be changed."), ReleaseTaskError)
		if frappe.db.get_value("Coordinated Release", self.release, "docstatus") != 1:
			frappe.throw(_("The release {0} is not issued.").format(self.release), ReleaseTaskError)
		self.published_url = (self.published_url or "").strip()
		now = now_datetime()
		if self.published_url:
			if not platforms.is_http_url(self.published_url):
				frappe.throw(_("The published link must start with http:// or https://."), ReleaseTaskError)
			self.published_at = self.published_at or now
			if get_datetime(self.published_at) > now:
				frappe.throw(_("The publication time cannot be in the future."), ReleaseTaskError)
			if not before or before.published_url != self.published_url:
				self.confirmed_by = frappe.session.user
		elif before and before.published_url:
			frappe.throw(_("A confirmed publication cannot be withdrawn."), ReleaseTaskError)
		else:
			self.published_at = None
		published = get_datetime(self.published_at) if self.published_url else None
		self.status = content.task_status(get_datetime(self.deadline), published, now)

	def on_update(self):
		update_progress(self.release)
