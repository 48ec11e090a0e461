# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""Credential custody (S17): custodian, sealed copy, rotations. Never a password."""

import frappe

from socialmedia_governance.registry.people import administrators
from socialmedia_governance.registry.platform_record import PlatformRecord


class CredentialCustodyError(frappe.ValidationError):
	pass


class CredentialCustody(PlatformRecord):
	platform_error = CredentialCustodyError
	platform_fields = ("owner_unit",)

	def autoname(self):
		self.name = f"CC-{self.platform_record}"


def custody_for(platform_doctype: str, platform_record: str):
	"""The custody record of a platform, created (without custodian details) if missing."""
	name = f"CC-{platform_record}"
	if frappe.db.exists("Credential Custody", name):
		return frappe.get_doc("Credential Custody", name)
	platform = frappe.get_doc(platform_doctype, platform_record)
	admins = administrators(platform)
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
