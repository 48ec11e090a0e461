"""Violation categories shipped at install (an admin may edit, add or disable them)."""

from __future__ import annotations

import frappe

# name, clause, poor management (H10.1), serious (H10.2 removal), illegal (H10.3)
DEFAULT_CATEGORIES = (
	("曝光个人隐私", "H4.5", 0, 0, 0),
	("人身攻击", "H4.5", 0, 0, 0),
	("侮辱他人", "H4.5", 0, 0, 0),
	("组织闹事", "H4.5", 0, 1, 0),
	("擅自发布重大敏感信息", "S8", 0, 0, 0),
	("泄露账号密码", "S17", 0, 1, 0),
	("发布违禁内容", "S9, H5", 0, 1, 0),
	("管理不善造成不良影响", "H10.1, S18", 1, 0, 0),
	("违法行为", "H10.3", 0, 1, 1),
)


def seed_violation_categories() -> None:
	for name, clause, poor, serious, illegal in DEFAULT_CATEGORIES:
		if not frappe.db.exists("Violation Category", name):
			frappe.get_doc(
				{
					"doctype": "Violation Category",
					"category_name": name,
					"clause": clause,
					"is_poor_management": poor,
					"is_serious": serious,
					"is_illegal": illegal,
				}
			).insert(ignore_permissions=True)
