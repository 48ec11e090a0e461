# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Dormant Accounts (issue 19): open accounts silent past the red line (or near it), with their
last post and feed health; ticked "By Unit", each tier-2 unit's activity compliance (accounts not
dormant among those whose activity is known). Rows obey the row-level rules."""

import frappe
from frappe import _

from socialmedia_governance.monitoring.api import feed_note
from socialmedia_governance.permissions import report_conditions
from socialmedia_governance.policy import activity

TABLE = "`tabAccount Activity`"
CLAUSES = {
	"owner_unit": f"{TABLE}.`owner_unit` = %(owner_unit)s",
	"platform": f"{TABLE}.`platform` = %(platform)s",
	"tier": f"{TABLE}.`tier` = %(tier)s",
}


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
	return [
		{
			"fieldname": "account",
			"label": _("Account"),
			"fieldtype": "Link",
			"options": "Social Media Account",
			"width": 150,
		},
		{"fieldname": "account_name", "label": _("Account Name"), "fieldtype": "Data", "width": 200},
		{
			"fieldname": "platform",
			"label": _("Platform"),
			"fieldtype": "Link",
			"options": "Social Media Platform",
			"width": 110,
		},
		{
			"fieldname": "owner_unit",
			"label": _("Owner Unit"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 180,
		},
		{"fieldname": "tier", "label": _("Tier"), "fieldtype": "Int", "width": 60},
		{"fieldname": "state", "label": _("Activity State"), "fieldtype": "Data", "width": 100},
		{"fieldname": "last_post_at", "label": _("Last Post"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "days_silent", "label": _("Days Silent"), "fieldtype": "Int", "width": 90},
		{"fieldname": "posts_90", "label": _("Posts in 90 Days"), "fieldtype": "Int", "width": 100},
		{"fieldname": "feed", "label": _("Feed Health"), "fieldtype": "Data", "width": 260},
	]


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
	for row in rows:
		row.state = _(row.activity_state)
		row.feed = feed_note(row)
	return rows


def unit_columns():
	return [
		{
			"fieldname": "unit",
			"label": _("Tier-2 Unit"),
			"fieldtype": "Link",
			"options": "Organization Unit",
			"width": 220,
		},
		{"fieldname": "known", "label": _("Accounts Measured"), "fieldtype": "Int", "width": 120},
		{"fieldname": "active", "label": _("Publishing"), "fieldtype": "Int", "width": 90},
		{"fieldname": "warning", "label": _("Going Quiet"), "fieldtype": "Int", "width": 90},
		{"fieldname": "dormant", "label": _("Dormant"), "fieldtype": "Int", "width": 90},
		{"fieldname": "unknown", "label": _("Unknown"), "fieldtype": "Int", "width": 90},
		{"fieldname": "compliance", "label": _("Activity Compliance"), "fieldtype": "Percent", "width": 130},
	]


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
