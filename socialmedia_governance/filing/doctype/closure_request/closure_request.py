# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""Closure of a platform, filed with the Propaganda Department (S14); also opened by a failed
annual review (S16). Submitting the request files it: the platform leaves the active register
(status Closed) and keeps its history."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from socialmedia_governance import ui
from socialmedia_governance.policy import platforms
from socialmedia_governance.registry.platform_record import PlatformRecord
from socialmedia_governance.registry.register import allow_process_update


class ClosureRequestError(frappe.ValidationError):
	pass


class ClosureRequest(PlatformRecord):
	platform_error = ClosureRequestError
	platform_fields = ("owner_unit", "tier", "filing_number")

	def validate_record(self, platform):
		if platform.status == platforms.CLOSED:
			frappe.throw(
				_("{0} is closed already.").format(ui.bold(self.platform_title)), ClosureRequestError
			)
		other = frappe.db.get_value(
			"Closure Request",
			{
				"platform_doctype": self.platform_doctype,
				"platform_record": self.platform_record,
				"docstatus": 0,
				"name": ("!=", self.name or ""),
			},
		)
		if other:
			frappe.throw(
				_("Closure request {0} for this platform is already open.").format(other), ClosureRequestError
			)
		if self.date_closed and getdate(self.date_closed) > getdate(today()):
			frappe.throw(_("The closing date cannot be in the future."), ClosureRequestError)
		if self.evidence_url and not platforms.is_http_url(self.evidence_url):
			frappe.throw(_("The evidence link must start with http:// or https://."), ClosureRequestError)

	def on_submit(self):
		platform = self.get_platform()
		allow_process_update(platform)
		platform.status = platforms.CLOSED
		platform.closed_on = self.date_closed
		platform.save(ignore_permissions=True)

	def before_cancel(self):
		frappe.throw(
			_("A filed closure cannot be cancelled; open the platform again through an opening application."),
			ClosureRequestError,
		)


def open_closure(
	platform_doctype: str, platform_record: str, reason: str, ordered_by_review: bool = True
) -> str | None:
	"""Open a closure request for the Propaganda Department to file (used by a failed review)."""
	if frappe.db.get_value(platform_doctype, platform_record, "status") == platforms.CLOSED:
		return None
	existing = frappe.db.get_value(
		"Closure Request",
		{"platform_doctype": platform_doctype, "platform_record": platform_record, "docstatus": 0},
	)
	if existing:
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "Closure Request",
			"platform_doctype": platform_doctype,
			"platform_record": platform_record,
			"reason": reason,
			"date_closed": today(),
			"ordered_by_review": 1 if ordered_by_review else 0,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name
