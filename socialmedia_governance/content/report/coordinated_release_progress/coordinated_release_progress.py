# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Coordinated release progress per unit (H8): targeted, published, late, pending, overdue and the
completion rate. One GROUP BY query under the viewer's row-level conditions."""

import frappe
from frappe import _

from socialmedia_governance import reports
from socialmedia_governance.permissions import report_conditions
from socialmedia_governance.policy import content

# The counts are read from one of these indexes alone (reports.add_indexes), grouped in its order:
# a viewer's few units (a class, a club) or the whole school by the owner unit, one release's
# tasks by the release, and a tier-2 unit's head's or the Youth League's tasks by the scope
# column their row rule reads (permissions.unit_scope_condition: one range of the index, where
# the Youth League's 195 units as an IN list were checked again for each of its 9,762 tasks).
INDEXES = {
	"owner_unit_release_status": ("owner_unit", "release", "status"),
	"release_owner_unit_status": ("release", "owner_unit", "status"),
	"scope_tier2_unit_release_status": ("scope_tier2", "owner_unit", "release", "status"),
	"scope_student_unit_release_status": ("scope_student", "owner_unit", "release", "status"),
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = data(filters)
	return columns(), rows, None, None, summary(rows)


def summary(rows):
	"""The cards above the table, over the units shown: the overall completion rate is the
	published share of all their tasks (the total row leaves the rate blank: a sum or mean of the
	units' rates is not it)."""
	if not rows:
		return None
	total = {key: sum(int(row[key] or 0) for row in rows) for key in ("targeted", "published", "overdue")}
	return [
		{"label": _("Targeted Accounts"), "value": total["targeted"], "datatype": "Int", "indicator": "Blue"},
		{"label": _("Published"), "value": total["published"], "datatype": "Int", "indicator": "Green"},
		{
			"label": _("Overdue"),
			"value": total["overdue"],
			"datatype": "Int",
			"indicator": "Red" if total["overdue"] else "Green",
		},
		{
			"label": _("Completion Rate"),
			"value": content.completion_rate(total["published"], total["targeted"]),
			"datatype": "Percent",
			"indicator": "Blue",
		},
	]


def columns():
	return reports.columns(
		("owner_unit", _("Unit"), "Link/Organization Unit", 220),
		("targeted", _("Targeted Accounts"), "Int", 120),
		("published", _("Published"), "Int", 100),
		("late", _("Published Late"), "Int", 110),
		("pending", _("Not Yet Published"), "Int", 110),
		("overdue", _("Overdue"), "Int", 90),
		# a mean of the units' rates would not be the release's rate
		("completion_rate", _("Completion Rate"), "Percent", 120, reports.NO_TOTAL),
	)


def data(filters):
	where, values = report_conditions("Release Task", filters, reports.equals("release"))
	having = "having `pending` + `overdue` > 0" if filters.only_stragglers else ""
	rows = frappe.db.sql(
		f"""select `owner_unit`, count(*) `targeted`,
			sum(`status` in %(_done)s) `published`,
			sum(`status` = %(_late)s) `late`,
			sum(`status` = %(_pending)s) `pending`,
			sum(`status` = %(_overdue)s) `overdue`
		from `tabRelease Task`
		where {where}
		group by `owner_unit`
		{having}
		order by `owner_unit`""",
		{
			**values,
			"_done": content.TASK_DONE,
			"_late": content.TASK_PUBLISHED_LATE,
			"_pending": content.TASK_PENDING,
			"_overdue": content.TASK_OVERDUE,
		},
		as_dict=True,
	)
	for row in rows:
		row.completion_rate = content.completion_rate(int(row.published or 0), row.targeted)
	return rows
