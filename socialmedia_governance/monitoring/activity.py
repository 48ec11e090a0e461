"""Activity facts of every account, recomputed set-based (issue 19): a constant number of
statements whatever the number of accounts and posts. The rules (windows, period, states, the CASE
that decides the state) come from ``policy.activity``; the thresholds from Governance Settings.

Facts are stored on one Account Activity row per account (named after it), which later checks
of published content and scored inspections read."""

from __future__ import annotations

from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from socialmedia_governance.policy import activity

ACTIVITY = "Account Activity"
SETTINGS = "Governance Settings"
FEED_SETTINGS = "Monitoring Settings"


def thresholds() -> tuple[activity.Thresholds, dict[int, activity.Thresholds]]:
	"""The school's default thresholds and those it set per tier."""
	settings = frappe.get_cached_doc(SETTINGS)
	default = activity.Thresholds(
		int(settings.get("activity_red_line_days") or activity.DEFAULT_RED_LINE_DAYS),
		int(
			activity.DEFAULT_WARNING_DAYS
			if settings.get("activity_warning_days") is None
			else settings.get("activity_warning_days")
		),
	)
	per_tier = {
		int(row.tier): activity.Thresholds(int(row.red_line_days), int(row.warning_days or 0))
		for row in settings.get("activity_tier_thresholds") or []
		if row.tier and row.red_line_days
	}
	return default, per_tier


def validate_settings(doc, method=None) -> None:
	"""doc_events on Governance Settings: thresholds that make sense, one row per tier."""
	red, warning = doc.get("activity_red_line_days"), doc.get("activity_warning_days")
	if red is not None or warning is not None:
		red = activity.DEFAULT_RED_LINE_DAYS if red is None else int(red)
		if error := activity.threshold_error(red, int(warning or 0)):
			frappe.throw(_(error), frappe.ValidationError)
	seen = set()
	for row in doc.get("activity_tier_thresholds") or []:
		if row.tier in seen:
			frappe.throw(_("Tier {0} has more than one activity threshold.").format(row.tier))
		seen.add(row.tier)
		if error := activity.threshold_error(int(row.red_line_days or 0), int(row.warning_days or 0)):
			frappe.throw(_("Tier {0}: {1}").format(row.tier, _(error)), frappe.ValidationError)


def _tier_case(column: str, attr: str, default: activity.Thresholds, per_tier) -> str:
	whens = " ".join(f"when {int(tier)} then {int(getattr(t, attr))}" for tier, t in per_tier.items())
	fallback = int(getattr(default, attr))
	return f"(case {column} {whens} else {fallback} end)" if whens else str(fallback)


def recompute(day=None) -> dict:
	"""Every account's activity facts as of ``day`` (default today), in four statements."""
	day = getdate(day or today())
	tomorrow = day + timedelta(days=1)
	default, per_tier = thresholds()
	feed = frappe.get_cached_doc(FEED_SETTINGS)
	base = (feed.feed_base_url or "").strip()
	now = now_datetime()

	# 1. a row for every account that has none yet
	frappe.db.sql(
		f"""insert ignore into `tab{ACTIVITY}` (`name`, `creation`, `modified`, `owner`, `modified_by`, `account`)
		select s.`name`, %(now)s, %(now)s, 'Administrator', 'Administrator', s.`name`
		from `tabSocial Media Account` s""",
		{"now": now},
	)
	# 2. the account's details, the feed it is watched through (policy.feeds.feed_url in SQL) and
	#    its posts per window
	windows = {f"w{n}": activity.window_start(day, n) for n in activity.WINDOWS}
	counts = ", ".join(f"sum(p.`published_at` >= %(w{n})s) as `posts_{n}`" for n in activity.WINDOWS)
	sets = ", ".join(f"a.`posts_{n}` = ifnull(x.`posts_{n}`, 0)" for n in activity.WINDOWS)
	frappe.db.sql(
		f"""update `tab{ACTIVITY}` a
		join `tabSocial Media Account` s on s.`name` = a.`account`
		left join `tabFeed Route` r on r.`parent` = %(settings)s and r.`parentfield` = 'feed_routes'
			and r.`platform` = s.`platform`
		left join (
			select p.`account`, max(p.`published_at`) as `last_post_at`, {counts}
			from `tabPublished Post` p where p.`published_at` < %(tomorrow)s group by p.`account`
		) x on x.`account` = a.`account`
		set a.`account_name` = s.`account_name`, a.`platform` = s.`platform`, a.`owner_unit` = s.`owner_unit`,
			a.`tier` = s.`tier`, a.`account_status` = s.`status`,
			a.`effective_feed_url` = case
				when ifnull(a.`feed_url`, '') != '' then a.`feed_url`
				when %(base)s != '' and ifnull(r.`route_template`, '') != '' and ifnull(s.`platform_id`, '') != ''
					then concat(trim(trailing '/' from %(base)s), '/',
						replace(trim(leading '/' from r.`route_template`), '{{id}}', s.`platform_id`))
				else null end,
			a.`last_post_at` = x.`last_post_at`, {sets}""",
		{"settings": FEED_SETTINGS, "tomorrow": tomorrow, "base": base, **windows},
	)
	# 3. the longest gap of the last year (edges count: the period's start and today): the gaps
	#    between an account's consecutive posts by a window function, then per account the largest
	#    of them, the first post's distance from the start and today's from the last post. The window
	#    runs over narrow rows (each account numbered, its posts' times): rows carrying the account's
	#    name put ~600 bytes per post through temporary tables, 10 minutes for 5,000,000 posts.
	year_ago = day - timedelta(days=activity.GAP_PERIOD_DAYS)
	numbered = """(select s.`name`, row_number() over (order by s.`name`) as `k`,
			greatest(%(year_ago)s, ifnull(s.`opened_on`, date(s.`creation`))) as `start`
		from `tabSocial Media Account` s)"""
	frappe.db.sql(
		f"""update `tab{ACTIVITY}` a join {numbered} m on m.`name` = a.`account`
		left join (
			select sql_big_result w.`k`, max(w.`gap`) as `gap`, min(w.`published_at`) as `first_at`,
				max(w.`published_at`) as `last_at`
			from (
				select m.`k`, p.`published_at`, datediff(p.`published_at`,
					lag(p.`published_at`) over (partition by m.`k` order by p.`published_at`)) as `gap`
				from {numbered} m join `tabPublished Post` p on p.`account` = m.`name`
					and p.`published_at` >= m.`start` and p.`published_at` < %(tomorrow)s
			) w group by w.`k`
		) y on y.`k` = m.`k`
		set a.`longest_gap_days` = case
			when %(day)s < m.`start` then 0
			when y.`first_at` is null then datediff(%(day)s, m.`start`)
			else greatest(ifnull(y.`gap`, 0), datediff(y.`first_at`, m.`start`), datediff(%(day)s, y.`last_at`))
			end""",
		{"year_ago": year_ago, "tomorrow": tomorrow, "day": day},
	)
	# 4. days silent, thresholds, days left and the state (policy.activity.state_sql)
	red = _tier_case("a.`tier`", "red_line", default, per_tier)
	warning = _tier_case("a.`tier`", "warning", default, per_tier)
	# days silent: since the last post, or (watched through a feed, never a post) since opening;
	# unknown (null) otherwise — stored as 0 with the state Unknown
	silent = """(case
		when a.`last_post_at` is not null then greatest(datediff(%(day)s, a.`last_post_at`), 0)
		when ifnull(a.`effective_feed_url`, '') != ''
			then greatest(datediff(%(day)s, ifnull(s.`opened_on`, s.`creation`)), 0)
		else null end)"""
	state = activity.state_sql(silent, red, warning, "s.`status` = %(monitored)s")
	frappe.db.sql(
		f"""update `tab{ACTIVITY}` a join `tabSocial Media Account` s on s.`name` = a.`account`
		set a.`activity_state` = {state}, a.`days_silent` = ifnull({silent}, 0),
			a.`days_left` = ifnull(greatest({red} - {silent}, 0), 0),
			a.`red_line_days` = {red}, a.`warning_days` = {warning}, a.`computed_on` = %(now)s""",
		{"day": day, "monitored": activity.MONITORED_STATUS, "now": now},
	)
	return {"accounts": frappe.db.count(ACTIVITY)}


def daily() -> None:
	recompute()
	frappe.db.commit()
