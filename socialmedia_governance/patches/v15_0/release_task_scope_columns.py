"""Release Task carries its account's scope columns (scope_tier2, scope_student): the row-level rule
reads a tier-2 unit's head's and the Youth League's tasks through them, and Coordinated Release
Progress counts theirs from an index led by them. Filled once from the accounts on an existing
site; then the release's issue copies them and the tree code keeps them
(supervision.scope_registers finds the DocType by its fields)."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabRelease Task` t join `tabSocial Media Account` s on s.`name` = t.`account`
		set t.`scope_tier2` = s.`scope_tier2`, t.`scope_student` = s.`scope_student`"""
	)
