# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""A post an account published (issue 19). Feeds, imports, release confirmations and content
filings create posts in bulk through ``monitoring.posts``; this controller guards the form
(manual entry for platforms without feed or export)."""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from socialmedia_governance.monitoring.posts import ACCOUNT_COLUMNS
from socialmedia_governance.policy import platforms, posts
from socialmedia_governance.registry.platform_record import PlatformRecord

FIXED = ("account", "source", "reference_doctype", "reference_name")


class PublishedPostError(frappe.ValidationError):
	pass


class DuplicatePostError(PublishedPostError):
	pass


class PublishedPost(PlatformRecord):
	platform_error = PublishedPostError
	platform_columns = ACCOUNT_COLUMNS
	platform_fields = ("account_name", "platform", "owner_unit", "tier")
	copy_title = False

	def validate_record(self, values):
		self.set_source()
		self.validate_fixed()
		self.validate_link()
		self.validate_time()
		self.validate_figures()
		self.validate_unique()

	def missing_platform_message(self):
		return _("Choose the account that published the post.")

	def set_source(self):
		if self.is_new() and not self.flags.from_source:
			self.source = posts.MANUAL
		self.first_seen = self.first_seen or now_datetime()

	def validate_fixed(self):
		before = self.get_doc_before_save()
		if before and any(before.get(f) != self.get(f) for f in FIXED):
			frappe.throw(_("The account and source of a post cannot be changed."), PublishedPostError)

	def validate_link(self):
		self.link = posts.normalise_link(self.link) or None
		if self.link and not platforms.is_http_url(self.link):
			frappe.throw(_("The link must start with http:// or https://."), PublishedPostError)
		self.title = (self.title or "").strip()
		if not self.title:
			frappe.throw(_("Enter the post's title."), PublishedPostError)

	def validate_time(self):
		if not self.published_at:
			frappe.throw(_("Enter when the post was published."), PublishedPostError)
		if get_datetime(self.published_at) > now_datetime() + posts.FUTURE_TOLERANCE:
			frappe.throw(_("The publication time cannot be in the future."), PublishedPostError)

	def validate_figures(self):
		for field in posts.FIGURES:
			if (self.get(field) or 0) < 0:
				frappe.throw(_("Figures cannot be negative."), PublishedPostError)

	def validate_unique(self):
		self.dedupe_key = posts.dedupe_key(self.link, self.title, get_datetime(self.published_at))
		other = frappe.db.get_value(
			"Published Post",
			{"account": self.account, "dedupe_key": self.dedupe_key, "name": ("!=", self.name or "")},
		)
		if other:
			frappe.throw(
				_("This post of {0} is already recorded as {1}.").format(self.account_name, other),
				DuplicatePostError,
			)


def on_doctype_update():
	frappe.db.add_unique("Published Post", ["account", "dedupe_key"], constraint_name="account_post")
	frappe.db.add_index("Published Post", ["account", "published_at"])
