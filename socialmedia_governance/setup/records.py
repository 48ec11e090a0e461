"""Records made by code, not typed by a user: the demo (``setup/demo.py``), the browser stage's
fixture (``setup/browser.py``) and the site tests (``tests/factories.py`` re-exports these) make
users, accounts and groups, put them in the state their processes leave them in and act as a given
user, the same way. Production code imports from here, never from the tests."""

from __future__ import annotations

import frappe

from socialmedia_governance.registry.register import allow_process_update


def as_user(user: str, fn, *args, **kwargs):
	"""``fn(*args, **kwargs)`` run as ``user``; the session is the Administrator's again after."""
	frappe.set_user(user)
	try:
		return fn(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def insert_user(doc) -> None:
	"""Insert a User past Frappe's sign-up throttle (60 new users a minute), which guards the
	public sign-up form, not a bulk load by an administrator."""
	conf = frappe.local.conf
	limit = conf.get("throttle_user_limit")
	conf["throttle_user_limit"] = 10**9
	try:
		doc.insert()
	finally:
		if limit is None:
			conf.pop("throttle_user_limit", None)
		else:
			conf["throttle_user_limit"] = limit


def ensure_user(email: str, *roles: str, first_name: str | None = None, **values) -> str:
	"""A System User speaking Chinese, made if missing (``values``: further User fields), with
	``roles`` added."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name or email.split("@")[0],
				"send_welcome_email": 0,
				"enabled": 1,
				"user_type": "System User",
				"language": "zh",
				**values,
			}
		)
		user.flags.ignore_permissions = True
		user.flags.ignore_password_policy = True
		insert_user(user)
	if roles:
		user = frappe.get_doc("User", email)
		user.flags.ignore_permissions = True
		user.add_roles(*roles)
	return email


def make_account(owner_unit: str, account_name: str | None = None, platform: str = "微信公众号", **values):
	doc = frappe.get_doc(
		{
			"doctype": "Social Media Account",
			"account_name": account_name or f"账号-{frappe.generate_hash(length=6)}",
			"platform": platform,
			"owner_unit": owner_unit,
			**values,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc


def make_group(
	owner_unit: str, group_owner: str, group_name: str | None = None, platform: str = "QQ群", **values
):
	doc = frappe.get_doc(
		{
			"doctype": "Social Media Group",
			"group_name": group_name or f"群-{frappe.generate_hash(length=6)}",
			"platform": platform,
			"owner_unit": owner_unit,
			"group_owner": group_owner,
			"supervisor_is_member": 1,  # H4.1, as a compliant group is; tests of the rule pass 0
			**values,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc


def make_active(doc, filed: bool = True):
	"""Put a register record in the state its processes leave it in: active and (optionally) filed."""
	allow_process_update(doc)
	doc.status = "Active"
	if filed:
		doc.filing_number = f"XCB-T-{frappe.generate_hash(length=6)}"
	doc.save(ignore_permissions=True)
	return doc
