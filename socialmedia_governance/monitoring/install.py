"""Monitoring's defaults, seeded once (an admin's edits are kept): RSSHub routes per platform."""

import frappe

from socialmedia_governance.policy import feeds


def seed_settings() -> None:
	"""RSSHub routes for the platforms that have one (policy.feeds.DEFAULT_ROUTES), once."""
	settings = frappe.get_single("Monitoring Settings")
	if settings.feed_routes:
		return
	codes = dict(frappe.get_all("Social Media Platform", fields=["platform_code", "name"], as_list=True))
	for code, route in feeds.DEFAULT_ROUTES.items():
		if code in codes:
			settings.append("feed_routes", {"platform": codes[code], "route_template": route})
	settings.flags.ignore_permissions = True
	settings.save()
