"""Activity facts of every account, recomputed set-based (issue 19): a constant number of
statements whatever the number of accounts and posts. The rules (windows, period, states, the CASE
that decides the state) come from ``policy.activity``; the thresholds from Governance Settings.

Facts are stored on one Account Activity row per account (named after it), which later checks
of published content and scored inspections read."""

from __future__ import annotations

from contextlib import contextmanager
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


# Step 2 of the recompute sorts every post once (the window) through temporary tables. At
# MariaDB's 16 MB default they go to disk; the job's own session gets room for them (taken as
# used, given back when the job ends). At 100,000 accounts and 5,000,000 posts: 23 s -> 15 s.
BATCH_SESSION = {"tmp_table_size": 1 << 30, "max_heap_table_size": 1 << 30, "sort_buffer_size": 128 << 20}


@contextmanager
def batch_session():
	"""``BATCH_SESSION`` for this database session while the block runs, then the values before."""
	before = frappe.db.sql("select " + ", ".join(f"@@session.{name}" for name in BATCH_SESSION))[0]

	def put(values):
		frappe.db.sql(
			"set session " + ", ".join(f"{n} = {int(v)}" for n, v in zip(BATCH_SESSION, values, strict=True))
		)

	put(BATCH_SESSION.values())
	try:
		yield
	finally:
		put(before)


def recompute(day=None) -> dict:
	"""Every account's activity facts as of ``day`` (default today), in three statements."""
	with batch_session():
		return _recompute(day)


def _recompute(day=None) -> dict:
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
	# 2. the account's details, the feed it is watched through (policy.feeds.feed_url in SQL), its
	#    last post, its posts per window and the longest gap of the last year, in one pass over the
	#    posts. The gap's edges count (the period's start and today): a post of the period is that
	#    many days after the account's previous post of the period (a window function) or, the first,
	#    after the period's start; today is that many days after the last.
	#    The posts are grouped and ordered by a number given to each account (by its name), not by
	#    the name: rows carrying it put ~600 bytes per post through on-disk temporary tables (about
	#    9 minutes for 5,000,000 posts, 20 s this way).
	year_ago = day - timedelta(days=activity.GAP_PERIOD_DAYS)
	windows = {f"w{n}": activity.window_start(day, n) for n in activity.WINDOWS}
	counts = ", ".join(f"sum(w.`published_at` >= %(w{n})s) as `posts_{n}`" for n in activity.WINDOWS)
	sets = ", ".join(f"a.`posts_{n}` = ifnull(x.`posts_{n}`, 0)" for n in activity.WINDOWS)
	numbered = """(select s.`name`, row_number() over (order by s.`name`) as `k`,
			to_days(greatest(%(year_ago)s, ifnull(s.`opened_on`, date(s.`creation`)))) as `start`
		from `tabSocial Media Account` s)"""
	day_of = "to_days(p.`published_at`)"
	frappe.db.sql(
		f"""update `tab{ACTIVITY}` a
		join `tabSocial Media Account` s on s.`name` = a.`account`
		join {numbered} m on m.`name` = a.`account`
		left join `tabFeed Route` r on r.`parent` = %(settings)s and r.`parentfield` = 'feed_routes'
			and r.`platform` = s.`platform`
		left join (
			select sql_big_result w.`k`, max(w.`published_at`) as `last_post_at`, {counts},
				max(w.`gap`) as `gap`, max(w.`day_in_period`) as `last_day_in_period`
			from (
				select m.`k`, p.`published_at`,
					if({day_of} >= m.`start`, {day_of}, null) as `day_in_period`,
					if({day_of} >= m.`start`, {day_of} - greatest(m.`start`, ifnull(
						lag({day_of}) over (partition by m.`k` order by p.`published_at`), m.`start`)), null) as `gap`
				from {numbered} m join `tabPublished Post` p on p.`account` = m.`name`
					and p.`published_at` < %(tomorrow)s
			) w group by w.`k`
		) x on x.`k` = m.`k`
		set a.`account_name` = s.`account_name`, a.`platform` = s.`platform`, a.`owner_unit` = s.`owner_unit`,
			a.`tier2_unit` = s.`tier2_unit`, a.`scope_tier2` = s.`scope_tier2`, a.`scope_student` = s.`scope_student`,
			a.`tier` = s.`tier`, a.`account_status` = s.`status`,
			a.`effective_feed_url` = case
				when ifnull(a.`feed_url`, '') != '' then a.`feed_url`
				when %(base)s != '' and ifnull(r.`route_template`, '') != '' and ifnull(s.`platform_id`, '') != ''
					then concat(trim(trailing '/' from %(base)s), '/',
						replace(trim(leading '/' from r.`route_template`), '{{id}}', s.`platform_id`))
				else null end,
			a.`last_post_at` = x.`last_post_at`, {sets},
			a.`longest_gap_days` = case
				when to_days(%(day)s) < m.`start` then 0
				when x.`last_day_in_period` is null then to_days(%(day)s) - m.`start`
				else greatest(x.`gap`, to_days(%(day)s) - x.`last_day_in_period`) end""",
		{
			"settings": FEED_SETTINGS,
			"tomorrow": tomorrow,
			"day": day,
			"base": base,
			"year_ago": year_ago,
			**windows,
		},
	)
	# 3. days silent, thresholds, days left and the state (policy.activity.state_sql)
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
