# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Dormant Accounts (issue 19): open accounts silent past the red line (or near it), with their
last post and feed health; ticked "By Unit", each tier-2 unit's activity compliance (accounts not
dormant among those whose activity is known). Rows obey the row-level rules."""

from functools import lru_cache

import frappe
from frappe import _

from socialmedia_governance import reports
from socialmedia_governance.monitoring.api import feed_note
from socialmedia_governance.permissions import report_conditions
from socialmedia_governance.policy import activity

TABLE = "`tabAccount Activity`"
CLAUSES = reports.equals("owner_unit", "platform", "tier", table=TABLE)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if filters.by_unit:
		rows = unit_rows(filters)
		return unit_columns(), rows, None, unit_chart(rows)
	return account_columns(), account_rows(filters)


def states(filters) -> list[str]:
	if filters.state == activity.WARNING:
		return [activity.WARNING]
	if filters.state == "Both":
		return [activity.DORMANT, activity.WARNING]
	return [activity.DORMANT]


def account_columns():
	return reports.columns(
		("account", _("Account"), "Link/Social Media Account", 150),
		("account_name", _("Account Name"), "Data", 200),
		("platform", _("Platform"), "Link/Social Media Platform", 110),
		("owner_unit", _("Owner Unit"), "Link/Organization Unit", 180),
		("tier", _("Tier"), "Int", 60),
		("state", _("Activity State"), "Data", 100),
		("last_post_at", _("Last Post"), "Datetime", 150),
		("days_silent", _("Days Silent"), "Int", 90),
		("posts_90", _("Posts in 90 Days"), "Int", 100),
		("feed", _("Feed Health"), "Data", 260),
	)


def account_rows(filters):
	where, values = report_conditions(
		"Account Activity", filters, CLAUSES, base=f"{TABLE}.`activity_state` in %(states)s"
	)
	values["states"] = states(filters)
	rows = frappe.db.sql(
		f"""select `account`, `account_name`, `platform`, `owner_unit`, `tier`, `activity_state`, `last_post_at`,
			`days_silent`, `posts_90`, `feed_state`, `feed_checked_at`, `last_new_item_at`, `failing_since`,
			`feed_error`, `effective_feed_url`
		from {TABLE} where {where} order by `days_silent` desc, `account_name`""",
		values,
		as_dict=True,
	)
	translate = lru_cache(maxsize=64)(_)  # a few texts for thousands of rows: each looked up once
	for row in rows:
		row.state = translate(row.activity_state)
		row.feed = feed_note(row, translate)
	return rows


def unit_columns():
	return reports.columns(
		("unit", _("Tier-2 Unit"), "Link/Organization Unit", 220),
		("known", _("Accounts Measured"), "Int", 120),
		("active", _("Publishing"), "Int", 90),
		("warning", _("Going Quiet"), "Int", 90),
		("dormant", _("Dormant"), "Int", 90),
		("unknown", _("Unknown"), "Int", 90),
		("compliance", _("Activity Compliance"), "Percent", 130),
	)


def unit_rows(filters):
	where, values = report_conditions("Account Activity", filters, CLAUSES)
	values.update({k: getattr(activity, k.upper()) for k in ("active", "warning", "dormant", "unknown")})
	return frappe.db.sql(
		f"""select ifnull(s.`tier2_unit`, s.`owner_unit`) as `unit`,
			sum({TABLE}.`activity_state` in (%(active)s, %(warning)s, %(dormant)s)) as `known`,
			sum({TABLE}.`activity_state` = %(active)s) as `active`,
			sum({TABLE}.`activity_state` = %(warning)s) as `warning`,
			sum({TABLE}.`activity_state` = %(dormant)s) as `dormant`,
			sum({TABLE}.`activity_state` = %(unknown)s) as `unknown`,
			round(100 * sum({TABLE}.`activity_state` in (%(active)s, %(warning)s))
				/ nullif(sum({TABLE}.`activity_state` in (%(active)s, %(warning)s, %(dormant)s)), 0), 1) as `compliance`
		from {TABLE} join `tabSocial Media Account` s on s.`name` = {TABLE}.`account`
		where {where} group by `unit` order by `compliance`, `unit`""",
		values,
		as_dict=True,
	)


def unit_chart(rows):
	rows = [r for r in rows if r.compliance is not None][:30]
	if not rows:
		return None
	return {
		"data": {
			"labels": [r.unit for r in rows],
			"datasets": [{"name": _("Activity Compliance"), "values": [float(r.compliance) for r in rows]}],
		},
		"type": "bar",
		"colors": ["#29CD42"],
	}
