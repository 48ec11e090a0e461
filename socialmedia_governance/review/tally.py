# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Annual Review Tally: how many reviews of a campaign share an owner unit, tier-2 unit, tier,
reviewer, status, outcome and overdue flag (issue 17).

Annual Review Progress adds up the reviews a viewer may read, per tier-2 unit and tier. Read from
the reviews, a unit head's answer walks some 6,700 index entries and a Youth League manager's
8,800 at province scale (9–15 ms of SQL); from the tally, a few hundred rows. The tally keeps the
columns the row rule of a review reads for its big alternatives (the owner unit, the reviewer), so
the rule applies to it exactly; an alternative that reads another column (the platform record an
account administrator administers) is read from the reviews themselves (``tallied``).

It is recounted, per campaign and owner unit, by the code that writes reviews: a review's save or
deletion (its owner units, before and after), the campaign's creation of reviews and the nightly
overdue flagging (the whole campaign). ``recount`` is idempotent: run it on a campaign to heal it.
"""

import re

import frappe

TALLY = "Annual Review Tally"
REVIEW = "Annual Review"
# the columns a review is counted by: the report's keys and sums, and the row rule's columns
KEYS = ("campaign", "owner_unit", "tier2_unit", "tier", "reviewer", "status", "outcome", "is_overdue")
COLUMN = re.compile(r"(`[^`]+`)\.`(\w+)`")


def recount(campaign: str, owner_units=None) -> None:
	"""Count ``campaign``'s reviews again, all of them or those of ``owner_units`` (an iterable of
	unit names, None among them for reviews without one)."""
	where, values = "`campaign` = %(campaign)s", {"campaign": campaign}
	if owner_units is not None:
		units = set(owner_units)
		named = sorted(u for u in units if u)
		alternatives = ["`owner_unit` in %(units)s"] if named else []
		if None in units or "" in units:
			alternatives.append("ifnull(`owner_unit`, '') = ''")
		if not alternatives:
			return
		where += f" and ({' or '.join(alternatives)})"
		values["units"] = named
	keys = ", ".join(f"`{k}`" for k in KEYS)
	frappe.db.sql(f"delete from `tab{TALLY}` where {where}", values)
	frappe.db.sql(
		f"""insert into `tab{TALLY}`
			(`name`, `creation`, `modified`, `owner`, `modified_by`, `docstatus`, `idx`, {keys}, `reviews`)
		select md5(json_array({keys})), now(6), now(6), 'Administrator', 'Administrator', 0, 0,
			{keys}, count(*)
		from `tab{REVIEW}` where {where} group by {keys}""",
		values,
	)


def tallied(condition: str, table: str) -> bool:
	"""Whether ``condition`` (SQL over ``table``, its columns written ``table``.`column`) reads
	only columns the tally keeps, so that it selects the same reviews from the tally."""
	return all(column in KEYS for alias, column in COLUMN.findall(condition) if alias == table)
