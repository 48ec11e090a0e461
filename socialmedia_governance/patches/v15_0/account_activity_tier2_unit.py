"""Account Activity keeps its account's tier-2 unit (Dormant Accounts by unit reads it without
joining the accounts): filled once on an existing site, then by every activity recompute."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabAccount Activity` a join `tabSocial Media Account` s on s.`name` = a.`account`
		set a.`tier2_unit` = s.`tier2_unit`"""
	)
