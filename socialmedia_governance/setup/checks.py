"""Operational checks run by scripts/test (``bench --site … execute``)."""

from __future__ import annotations

import frappe

APP = "socialmedia_governance"


def table_counts() -> dict[str, int]:
	"""Rows per table of the app (parents and child tables): compared before a backup and after
	its restore into a fresh site."""
	modules = frappe.get_module_list(APP)
	doctypes = frappe.get_all("DocType", filters={"module": ("in", modules), "issingle": 0}, pluck="name")
	counts = {doctype: frappe.db.count(doctype) for doctype in sorted(doctypes)}
	counts["Governance Settings (Singles rows)"] = frappe.db.count(
		"Singles", {"doctype": "Governance Settings"}
	)
	return counts


BROWSER_PASSWORD = "Browser@2026!"


def browser_fixture() -> dict:
	"""A small school for the browser test (scripts/test): three desk users with a password, an
	account in draft and its opening application waiting for the unit head; and another college's
	account the counsellor must not see."""
	from frappe.model.workflow import apply_workflow
	from frappe.utils.password import update_password

	from socialmedia_governance.filing.workflows import seed_workflows
	from socialmedia_governance.tests.factories import make_account, make_active, make_school

	seed_workflows()
	s = make_school(f"b{frappe.generate_hash(length=5)}")
	for key in ("xcb_head", "kj_dean", "fdy_kj", "admin_kj"):
		update_password(s.u(key), BROWSER_PASSWORD)
	account = make_account(
		s.units["kj"],
		account_name=f"会计学院微信公众号{s.suffix}",
		administrators=[{"user": s.u("admin_kj")}],
	)
	make_active(make_account(s.units["kj_class"], account_name=f"会计2301班公众号{s.suffix}"))
	other = make_active(make_account(s.units["xx"], account_name=f"信息学院公众号{s.suffix}"))
	frappe.set_user(s.u("admin_kj"))
	app = frappe.get_doc(
		{
			"doctype": "Opening Application",
			"platform_doctype": "Social Media Account",
			"platform_record": account.name,
			"reason": "发布学院工作动态",
		}
	).insert()
	apply_workflow(app.as_dict(), "Submit for Approval")
	frappe.set_user("Administrator")
	frappe.db.commit()
	return {
		"password": BROWSER_PASSWORD,
		"users": {key: s.u(key) for key in ("xcb_head", "kj_dean", "fdy_kj")},
		"application": app.name,
		"account": account.name,
		"account_name": account.account_name,
		"class_account_name": f"会计2301班公众号{s.suffix}",
		"other_account_name": other.account_name,
	}
