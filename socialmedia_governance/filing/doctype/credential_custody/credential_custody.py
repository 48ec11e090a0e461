# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""Credential custody (S17): custodian, sealed copy, rotations. Never a password."""

import frappe

from socialmedia_governance.permissions import recheck_scope
from socialmedia_governance.validation import TypeCheckedDocument


class CredentialCustodyError(frappe.ValidationError):
	pass


class CredentialCustody(TypeCheckedDocument):
	def autoname(self):
		self.name = f"CC-{self.platform_record}"

	def validate(self):
		platform = frappe.get_doc(self.platform_doctype, self.platform_record)
		self.platform_title = platform.get("account_name") or platform.get("group_name")
		self.owner_unit = platform.owner_unit
		recheck_scope(self)


def custody_for(platform_doctype: str, platform_record: str):
	"""The custody record of a platform, created (without custodian details) if missing."""
	name = f"CC-{platform_record}"
	if frappe.db.exists("Credential Custody", name):
		return frappe.get_doc("Credential Custody", name)
	platform = frappe.get_doc(platform_doctype, platform_record)
	admins = [a.user for a in platform.get("administrators") or []]
	doc = frappe.get_doc(
		{
			"doctype": "Credential Custody",
			"platform_doctype": platform_doctype,
			"platform_record": platform_record,
			"custodian": (admins[0] if admins else None)
			or platform.get("group_owner")
			or platform.responsible_person,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc
