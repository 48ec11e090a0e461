"""Approval steps' ToDos were listed to whoever passed the previous step on (Frappe shows a ToDo to
its assigner too): they are the system's, so the assigner is cleared (notifications/assignments.py).
Only ToDos given to a step's approvers are touched; other assignments keep their assigner."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabToDo` t set t.`assigned_by` = null
		where t.`assigned_by` is not null and t.`assigned_by` != t.`allocated_to`
			and exists (
				select 1 from `tabApproval Step` s
				where s.`parenttype` = t.`reference_type` and s.`parent` = t.`reference_name`
					and locate(concat(char(10), t.`allocated_to`, char(10)), concat(char(10), s.`approvers`, char(10))) > 0
			)"""
	)
