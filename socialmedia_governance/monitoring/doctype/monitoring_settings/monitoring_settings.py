# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""Where feeds come from (an RSSHub base URL and a route per platform) and how they are polled."""

import frappe
from frappe import _
from frappe.model.document import Document

from socialmedia_governance.policy import feeds, platforms


class MonitoringSettingsError(frappe.ValidationError):
	pass


class MonitoringSettings(Document):
	def validate(self):
		self.feed_base_url = (self.feed_base_url or "").strip() or None
		if self.feed_base_url and not platforms.is_http_url(self.feed_base_url):
			frappe.throw(
				_("The feed service URL must start with http:// or https://."), MonitoringSettingsError
			)
		seen = set()
		for row in self.feed_routes:
			row.route_template = (row.route_template or "").strip()
			if error := feeds.route_error(row.route_template):
				frappe.throw(_("Row {0}: {1}").format(row.idx, _(error)), MonitoringSettingsError)
			if row.platform in seen:
				frappe.throw(_("{0} has more than one route.").format(row.platform), MonitoringSettingsError)
			seen.add(row.platform)
		for field, low, high in (
			("concurrency", 1, 256),
			("host_connections", 1, 256),
			("timeout_seconds", 1, 300),
			("max_feed_mb", 1, 200),
			("poll_interval_minutes", 5, 7 * 24 * 60),
			("retry_minutes", 1, 24 * 60),
			("stale_days", 1, 3650),
		):
			value = self.get(field)
			if value is not None and not low <= int(value) <= high:
				frappe.throw(
					_("{0} must be between {1} and {2}.").format(_(self.meta.get_label(field)), low, high),
					MonitoringSettingsError,
				)
		if (self.host_interval_seconds or 0) < 0:
			frappe.throw(_("The pause between requests cannot be negative."), MonitoringSettingsError)
