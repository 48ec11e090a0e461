"""Monitoring's reminder rules (issue 19), one set-based query each, run by the reminder engine
(``notifications.reminders``; their days, labels and texts are in ``policy/reminder_rules.py``):

- activity_warning: accounts silent past the warning day, to the people who run them ("silent 10
  days: 4 days left");
- dormant_account: accounts silent past the red line, to their supervisor and the Propaganda
  Department (listed in their digest);
- graduation_groups: in the graduation month, groups of classes, to their owner and counsellor for
  clear-out (groups are not polled).

The states come from Account Activity, computed set-based by ``monitoring.activity``."""

from __future__ import annotations

import frappe
from frappe.utils import getdate

from socialmedia_governance.policy import activity, platforms, tiers

ACCOUNT = "Social Media Account"
GROUP = "Social Media Group"


def _accounts_in(state: str):
	return frappe.db.sql(
		"""select a.`account` as `name`, a.`account_name`, a.`owner_unit`, a.`days_silent`, a.`days_left`,
			a.`red_line_days`, s.`supervisor`
		from `tabAccount Activity` a join `tabSocial Media Account` s on s.`name` = a.`account`
		where a.`activity_state` = %s and s.`status` = %s""",
		(state, activity.MONITORED_STATUS),
		as_dict=True,
	)


def activity_warning(ctx) -> list:
	from socialmedia_governance.notifications import reminders as engine

	rows = _accounts_in(activity.WARNING)
	return engine._to_people(
		rows,
		"activity_warning",
		"Account Activity",
		lambda r: ACCOUNT,
		lambda r: r.name,
		lambda r: (r.account_name, r.days_silent, r.days_left),
	)


def dormant_account(ctx) -> list:
	from socialmedia_governance.notifications import reminders as engine
	from socialmedia_governance.registry.people import propaganda_people

	propaganda = propaganda_people()
	return [
		engine._item(
			user,
			"dormant_account",
			"Account Activity",
			r.name,
			r.owner_unit,
			(r.account_name, r.days_silent, r.red_line_days),
		)
		for r in _accounts_in(activity.DORMANT)
		for user in dict.fromkeys([r.supervisor, *propaganda])
		if user
	]


def graduation_groups(ctx) -> list:
	from socialmedia_governance.notifications import reminders as engine

	day = getdate(ctx.day)
	if day.month != ctx.graduation_month or day.day != 1:
		return []
	rows = frappe.db.sql(
		"""select g.`name`, g.`group_name`, g.`owner_unit`, g.`group_owner`, u.`counsellor`
		from `tabSocial Media Group` g join `tabOrganization Unit` u on u.`name` = g.`owner_unit`
		where g.`status` not in %s and u.`unit_type` = %s""",
		((platforms.CLOSED, platforms.DRAFT), tiers.CLASS),
		as_dict=True,
	)
	return [
		engine._item(user, "graduation_groups", GROUP, r.name, r.owner_unit, (r.group_name,))
		for r in rows
		for user in dict.fromkeys([r.group_owner, r.counsellor])
		if user
	]


QUERIES = {
	"activity_warning": activity_warning,
	"dormant_account": dormant_account,
	"graduation_groups": graduation_groups,
}
