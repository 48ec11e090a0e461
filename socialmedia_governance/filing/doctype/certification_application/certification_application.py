# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""Official certification (认证) of an account (S5): only after filing, on a written application
approved by the Propaganda Department. The account shows its certification state."""

import frappe
from frappe import _

from socialmedia_governance import ui
from socialmedia_governance.policy import platforms
from socialmedia_governance.registry.platform_record import PlatformRecord
from socialmedia_governance.registry.register import allow_process_update


class CertificationError(frappe.ValidationError):
	pass


def set_account_certification(account: str, state: str) -> None:
	doc = frappe.get_doc("Social Media Account", account)
	if doc.certification_status != state:
		allow_process_update(doc)
		doc.certification_status = state
		doc.save(ignore_permissions=True)


class CertificationApplication(PlatformRecord):
	platform_error = CertificationError
	platform_fields = (("account_title", "account_name"), "owner_unit", "tier", "filing_number")
	copy_title = False

	def before_insert(self):
		self.applicant = frappe.session.user
		self.status = "Pending"

	def validate_record(self, account):
		if self.is_new():
			if account.status != platforms.ACTIVE or not account.filing_number:
				frappe.throw(
					_("{0} is not filed and active yet: certification comes after filing.").format(
						ui.bold(account.account_name)
					),
					CertificationError,
				)
			if account.certification_status == "Certified":
				frappe.throw(
					_("{0} is certified already.").format(ui.bold(account.account_name)),
					CertificationError,
				)
			other = frappe.db.get_value(
				"Certification Application", {"account": self.account, "docstatus": 0, "status": "Pending"}
			)
			if other:
				frappe.throw(
					_("Certification application {0} for this account is already open.").format(other),
					CertificationError,
				)

	def after_insert(self):
		set_account_certification(self.account, "Applied")

	def before_submit(self):
		if self.status == "Rejected":
			frappe.throw(_("A rejected application cannot be approved."), CertificationError)
		self.status = "Approved"

	def on_submit(self):
		set_account_certification(self.account, "Certified")

	def before_cancel(self):
		frappe.throw(_("Withdraw a certification through a change report instead."), CertificationError)


@frappe.whitelist()
def reject(name: str, reason: str):
	"""The Propaganda Department turns the application down; the account shows Rejected."""
	doc = frappe.get_doc("Certification Application", name)
	frappe.has_permission("Certification Application", "submit", doc=doc, throw=True)
	if doc.docstatus != 0 or doc.status != "Pending":
		frappe.throw(_("Only a pending application can be rejected."), CertificationError)
	if not (reason or "").strip():
		frappe.throw(_("Please give the reason for the rejection."), CertificationError)
	doc.status = "Rejected"
	doc.rejection_reason = reason.strip()
	doc.save()
	set_account_certification(doc.account, "Rejected")
	return doc.status
