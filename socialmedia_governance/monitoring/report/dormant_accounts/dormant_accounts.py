# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Dormant Accounts (issue 19): open accounts silent past the red line (or near it), with their
last post and feed health; ticked "By Unit", each tier-2 unit's activity compliance (accounts not
dormant among those whose activity is known). Rows obey the row-level rules."""

from functools import lru_cache

import frappe
from frappe import _

from socialmedia_governance import reports, ui
from socialmedia_governance.monitoring.api import feed_note
from socialmedia_governance.permissions import report_conditions
from socialmedia_governance.policy import activity

TABLE = "`tabAccount Activity`"
CLAUSES = reports.equals("owner_unit", "platform", "tier", table=TABLE)
# The list's order within the viewer's rows (reports.add_indexes): a page is read from an index
# alone, and it stops after the page where the viewer's rule reads one value of the index's first
# column: a tier-2 unit's head and the Youth League through the scope columns the row-level rule
# reads (permissions.unit_scope_condition), everyone through `silence`. A class's counsellor or a
# club's advisor reads a few units' entries and sorts them. The counts per tier-2 unit are read
# from the same indexes (a tier-2 unit's head's from its accounts' rows: with `tier2_unit` the
# index would pass MariaDB's 3,072 bytes).
SILENCE = ("activity_state", "days_silent desc", "account_name", "name")
INDEXES = {
	"owner_unit_silence_unit": ("owner_unit", *SILENCE, "tier2_unit"),
	"scope_tier2_silence": ("scope_tier2", *SILENCE, "owner_unit"),
	"scope_student_silence": ("scope_student", *SILENCE, "owner_unit", "tier2_unit"),
	"silence": (*SILENCE, "owner_unit"),
}
REPLACED_INDEXES = ("owner_unit_silence",)  # made by sites before the by-unit counts used it


# How many accounts the list shows, longest silent first (the "Rows" filter): a Youth League
# manager's province holds thousands of silent accounts, and the desk would fetch and draw them
# all on every opening (300 ms and more for 5,000). "All" shows every one, for reading through
# or exporting.
ROWS = {"100": 100, "500": 500, "All": None}
DEFAULT_ROWS = "100"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if filters.by_unit:
		rows = unit_rows(filters)
		return unit_columns(), rows, None, unit_chart(rows)
	limit = ROWS.get(str(filters.rows or DEFAULT_ROWS), ROWS[DEFAULT_ROWS])
	rows, more = account_rows(filters, limit)
	message = None
	if more:
		message = ui.text(
			_(
				"Showing the {0} accounts silent longest; there are more. Choose All accounts under Rows to list every one."
			).format(len(rows))
		)
	return account_columns(), rows, message


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


def account_rows(filters, limit: int | None = None):
	"""The silent accounts of the viewer's rows, longest silent first, at most ``limit`` of them,
	and whether there are more (counting them all would read every one: the workspace's number
	card says how many)."""
	where, values = report_conditions(
		"Account Activity", filters, CLAUSES, base=f"{TABLE}.`activity_state` in %(states)s"
	)
	values["states"] = states(filters)
	# the page's names first, from an index alone (INDEXES), then those rows: ordering thousands
	# of whole rows to keep a hundred read every one of them
	rows = frappe.db.sql(
		f"""select a.`account`, a.`account_name`, a.`platform`, a.`owner_unit`, a.`tier`, a.`activity_state`,
			a.`last_post_at`, a.`days_silent`, a.`posts_90`, a.`feed_state`, a.`feed_checked_at`,
			a.`last_new_item_at`, a.`failing_since`, a.`feed_error`, a.`effective_feed_url`
		from {TABLE} a join (
			select `name` from {TABLE} where {where} order by `days_silent` desc, `account_name`, `name` {"limit %(limit)s" if limit else ""}
		) `page` on `page`.`name` = a.`name`
		order by a.`days_silent` desc, a.`account_name`, a.`name`""",
		{**values, "limit": (limit or 0) + 1},
		as_dict=True,
	)
	more = bool(limit) and len(rows) > limit
	rows = rows[:limit] if limit else rows
	translate = lru_cache(maxsize=64)(_)  # a few texts for thousands of rows: each looked up once
	for row in rows:
		row.state = translate(row.activity_state)
		row.feed = feed_note(row, translate)
	return rows, more


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
	# every account of the scope is counted: its units' entries of owner_unit_silence_unit
	where, values = report_conditions("Account Activity", filters, CLAUSES, scope_columns=False)
	values.update({k: getattr(activity, k.upper()) for k in ("active", "warning", "dormant", "unknown")})
	return frappe.db.sql(
		f"""select ifnull({TABLE}.`tier2_unit`, {TABLE}.`owner_unit`) as `unit`,
			sum({TABLE}.`activity_state` in (%(active)s, %(warning)s, %(dormant)s)) as `known`,
			sum({TABLE}.`activity_state` = %(active)s) as `active`,
			sum({TABLE}.`activity_state` = %(warning)s) as `warning`,
			sum({TABLE}.`activity_state` = %(dormant)s) as `dormant`,
			sum({TABLE}.`activity_state` = %(unknown)s) as `unknown`,
			round(100 * sum({TABLE}.`activity_state` in (%(active)s, %(warning)s))
				/ nullif(sum({TABLE}.`activity_state` in (%(active)s, %(warning)s, %(dormant)s)), 0), 1) as `compliance`
		from {TABLE} where {where} group by `unit` order by `compliance`, `unit`""",
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
