# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""One account's activity facts and feed health (issue 19). The facts are computed set-based for
all accounts (``monitoring.activity.recompute``) and the feed columns by the poller
(``monitoring.feeds``); people edit only the account's own feed URL."""

import frappe
from frappe import _

from socialmedia_governance.monitoring.posts import ACCOUNT_COLUMNS
from socialmedia_governance.policy import feeds, platforms
from socialmedia_governance.registry.platform_record import PlatformRecord
from socialmedia_governance.registry.supervision import ScopeColumns


def effective_feed_url(own_url: str | None, platform: str, platform_id: str | None) -> str | None:
	settings = frappe.get_cached_doc("Monitoring Settings")
	route = next((r.route_template for r in settings.feed_routes if r.platform == platform), None)
	return feeds.feed_url(own_url, settings.feed_base_url, route, platform_id)


class AccountActivityError(frappe.ValidationError):
	pass


class AccountActivity(ScopeColumns, PlatformRecord):
	"""The scope columns are copied from the account by the activity recompute (set-based), and
	written with a row saved or inserted bare (``ScopeColumns``)."""

	platform_error = AccountActivityError
	platform_columns = ACCOUNT_COLUMNS
	platform_fields = ("account_name", "platform", "owner_unit", "tier", ("account_status", "status"))
	copy_title = False

	def validate_record(self, values):
		self.feed_url = (self.feed_url or "").strip() or None
		if self.feed_url and not platforms.is_http_url(self.feed_url):
			frappe.throw(_("The feed URL must start with http:// or https://."), AccountActivityError)
		self.effective_feed_url = effective_feed_url(self.feed_url, values.platform, values.platform_id)
		before = self.get_doc_before_save()
		if before and before.feed_url != self.feed_url:
			# a new address starts afresh: no cached validators, no backoff
			self.feed_etag = self.feed_last_modified = self.next_poll_at = None
			self.feed_failures = 0
			self.failing_since = None
			self.feed_error = None
