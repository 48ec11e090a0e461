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
# A name that runs a script wherever the desk would insert it as markup instead of text.
XSS = '<img src=x onerror="window.__smg_xss=1">\'"><script>window.__smg_xss=2</script>'


def browser_fixture() -> dict:
	"""A small school for the browser test (scripts/test): desk users with a password (the college's
	head files the account, its administrator applies, the head and the Propaganda Department
	approve, the class's counsellor looks at her list) and two accounts already running, the
	counsellor's class's and another college's, which she must not see. The account being filed
	is made in the browser, from an empty form."""
	from frappe.utils.password import update_password

	from socialmedia_governance.filing.workflows import seed_workflows
	from socialmedia_governance.tests.factories import make_account, make_active, make_school

	seed_workflows()
	# a Chinese school's site: texts the app stores (supervision basis, approval route) in Chinese
	frappe.db.set_default("lang", "zh")
	frappe.db.set_single_value("System Settings", "language", "zh")
	s = make_school(f"b{frappe.generate_hash(length=5)}")
	for key in ("xcb_head", "kj_dean", "fdy_kj", "admin_kj"):
		update_password(s.u(key), BROWSER_PASSWORD)
	make_active(make_account(s.units["kj_class"], account_name=f"会计2301班公众号{s.suffix}"))
	other = make_active(make_account(s.units["xx"], account_name=f"信息学院公众号{s.suffix}"))
	hostile = make_active(make_account(s.units["kj_class"], account_name=f"{XSS}班级号{s.suffix}"))
	frappe.db.commit()
	return {
		"password": BROWSER_PASSWORD,
		"users": {key: s.u(key) for key in ("xcb_head", "kj_dean", "fdy_kj", "admin_kj")},
		"unit": s.units["kj"],
		"unit_name": frappe.db.get_value("Organization Unit", s.units["kj"], "unit_name"),
		"account_name": f"会计学院微信公众号{s.suffix}",
		"class_account_name": f"会计2301班公众号{s.suffix}",
		"other_account_name": other.account_name,
		"hostile_account": hostile.name,
		"hostile_account_name": hostile.account_name,
	}


def all_table_counts() -> dict[str, int]:
	"""Rows per table of every DocType on the site (Frappe's and the app's): a second load of the
	demo must leave every one of them unchanged."""
	doctypes = frappe.get_all("DocType", filters={"issingle": 0, "is_virtual": 0}, pluck="name")
	return {
		doctype: frappe.db.count(doctype) for doctype in sorted(doctypes) if frappe.db.table_exists(doctype)
	}


def demo_logins() -> dict:
	"""The demo's logins and password, for the fresh-demo stage's HTTP check."""
	from socialmedia_governance.setup import demo

	return {
		"password": demo.DEMO_PASSWORD,
		"logins": [f"{login}@{demo.DOMAIN}" for login, _title, _role in demo.ROLE_LOGINS],
	}


def error_log_digest(limit: int = 5) -> None:
	"""Print the newest Error Log entries (method and the last lines of the traceback)."""
	for row in frappe.get_all(
		"Error Log", fields=["creation", "method", "error"], order_by="creation desc", limit=limit
	):
		tail = "\n".join((row.error or "").strip().splitlines()[-6:])
		print(f"--- {row.creation} {row.method}\n{tail}")
