"""Whitelisted endpoints of the monitoring module (account form: activity, feed health, heatmap)."""

from __future__ import annotations

from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import format_datetime, getdate, today

from socialmedia_governance.policy import activity, feeds

ACTIVITY = "Account Activity"
POST = "Published Post"
FIELDS = (
	"activity_state",
	"last_post_at",
	"days_silent",
	"days_left",
	"posts_7",
	"posts_30",
	"posts_90",
	"longest_gap_days",
	"red_line_days",
	"warning_days",
	"computed_on",
	"feed_url",
	"effective_feed_url",
	"feed_state",
	"feed_checked_at",
	"last_new_item_at",
	"failing_since",
	"feed_error",
	"next_poll_at",
)


def error_text(stored: str | None) -> str:
	"""A stored feed error ("text|arg|…") in the reader's language."""
	if not stored:
		return ""
	text, *args = stored.split("|")
	try:
		return _(text).format(*args)
	except (IndexError, KeyError):
		return stored


def feed_note(row, _=_) -> str:
	"""The feed's health in words: OK, no new items since…, failing since… with… (``_`` translates:
	a report of thousands of rows passes one that remembers its few texts)."""
	state = row.get("feed_state") or (feeds.NO_FEED if not row.get("effective_feed_url") else "")
	if state == feeds.FAILING:
		return _("Failing since {0} with: {1}").format(
			format_datetime(row.failing_since), error_text(row.feed_error)
		)
	if state == feeds.NO_NEW_ITEMS:
		since = row.get("last_new_item_at")
		return (
			_("No new items since {0}").format(format_datetime(since))
			if since
			else _("No items seen since polling started")
		)
	if state == feeds.OK:
		return _("OK, last checked {0}").format(format_datetime(row.feed_checked_at))
	if state == feeds.NO_FEED:
		return _("No feed: enter the account's feed URL or a route for its platform in Monitoring Settings.")
	return _("Not polled yet")


@frappe.whitelist()
def account_activity(account: str) -> dict:
	"""The account's activity facts, feed health and a year of posts per day (heatmap)."""
	frappe.get_doc("Social Media Account", account).check_permission("read")
	row = frappe.db.get_value(ACTIVITY, account, list(FIELDS), as_dict=True) or frappe._dict()
	since = getdate(today()) - timedelta(days=365)
	heatmap = dict(
		frappe.db.sql(
			f"""select unix_timestamp(date(`published_at`)), count(*) from `tab{POST}`
			where `account` = %s and `published_at` >= %s group by date(`published_at`)""",
			(account, since),
		)
	)
	state = row.get("activity_state") or activity.UNKNOWN
	return {
		**{k: row.get(k) for k in FIELDS if k not in ("feed_error",)},
		"activity_state": state,
		"state_label": _(state),
		"feed_state_label": _(row.get("feed_state") or feeds.NO_FEED),
		"feed_note": feed_note(row),
		"heatmap": {str(int(k)): int(v) for k, v in heatmap.items()},
		"heatmap_start": str(since),
		"posts_total": frappe.db.count(POST, {"account": account}),
		"can_set_feed": bool(
			frappe.has_permission(ACTIVITY, "write")
			and frappe.has_permission("Social Media Account", "write", doc=account)
		),
	}


@frappe.whitelist(methods=["POST"])
def set_feed_url(account: str, feed_url: str | None = None) -> str | None:
	"""The account's own feed URL (empty: the platform's route on the feed service)."""
	frappe.get_doc("Social Media Account", account).check_permission("write")
	if frappe.db.exists(ACTIVITY, account):
		doc = frappe.get_doc(ACTIVITY, account)
	else:
		doc = frappe.new_doc(ACTIVITY)
		doc.account = account
	doc.feed_url = feed_url
	doc.save()
	return doc.effective_feed_url or doc.feed_url
