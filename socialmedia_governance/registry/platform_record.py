"""Base of every record that belongs to one platform, as ``register.RegisteredPlatform`` is of the
two registers.

A record belongs to a platform when its DocType names an account or a group by the Dynamic Link
``platform_doctype`` / ``platform_record``: Incident, Violation, Opening Application, Closure
Request, Change Report, Credential Custody, Annual Review. A controller derived from
:class:`PlatformRecord` gets, before its own rules (``validate_record``):

- the platform looked up (``get_platform``), refused with the DocType's own error when the record
  names no account or group;
- the platform's title and the fields named in ``platform_fields`` (owner unit, tier, …) copied
  from it, so row-level access and the lists follow the platform;
- the scope re-check (``permissions.recheck_scope``): Frappe checks "create" before validate(),
  when the owner unit is not copied yet, so a new record is checked again here (a counsellor may
  not report for another unit's account).

S17 (no written-out password in any free-text field) is not repeated here: ``validation.py``
checks every DocType of the app from its meta.
"""

from __future__ import annotations

import frappe
from frappe import _

from socialmedia_governance.permissions import recheck_scope
from socialmedia_governance.validation import TypeCheckedDocument

REGISTERS = ("Social Media Account", "Social Media Group")


def platform_title(platform) -> str | None:
	"""The name a platform is shown by: an account's name or a group's."""
	return platform.get("account_name") or platform.get("group_name")


class PlatformRecord(TypeCheckedDocument):
	"""A record about one account or group (``platform_doctype`` / ``platform_record``)."""

	platform_error: type[Exception] = frappe.ValidationError
	# the platform's fields this record keeps a copy of (besides ``platform_title``)
	platform_fields: tuple[str, ...] = ("owner_unit", "tier")
	copy_title = True

	def validate(self):
		platform = self.get_platform()
		self.check_platform(platform)
		self.copy_platform_details(platform)
		recheck_scope(self)
		self.validate_record(platform)

	def get_platform(self):
		if self.platform_doctype not in REGISTERS or not frappe.db.exists(
			self.platform_doctype, self.platform_record or ""
		):
			frappe.throw(self.missing_platform_message(), self.platform_error)
		return frappe.get_doc(self.platform_doctype, self.platform_record)

	def missing_platform_message(self) -> str:
		return _("Choose an account or a group.")

	def check_platform(self, platform) -> None:
		"""Rules on the platform itself, before anything is copied from it."""

	def copy_platform_details(self, platform) -> None:
		if self.copy_title:
			self.platform_title = platform_title(platform)
		for fieldname in self.platform_fields:
			self.set(fieldname, platform.get(fieldname))

	def validate_record(self, platform) -> None:
		"""The DocType's own rules, once the platform is known and the scope re-checked."""
