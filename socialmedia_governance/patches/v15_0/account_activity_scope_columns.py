"""Account Activity carries its account's scope columns (scope_tier2, scope_student): the row-level
rule reads a tier-2 unit's head's and the Youth League's activity through them, and Dormant
Accounts reads their pages from an index in its own order. Filled once from the accounts on an
existing site; then the activity recompute copies them and the tree code keeps them
(supervision.scope_registers finds the DocType by its fields)."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabAccount Activity` a join `tabSocial Media Account` s on s.`name` = a.`account`
		set a.`scope_tier2` = s.`scope_tier2`, a.`scope_student` = s.`scope_student`"""
	)
