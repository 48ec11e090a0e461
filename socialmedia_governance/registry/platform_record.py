"""Base of every record that belongs to one platform, as ``register.RegisteredPlatform`` is of the
two registers.

A record belongs to a platform when its DocType names an account or a group: by the Dynamic Link
``platform_doctype`` / ``platform_record`` (Incident, Violation, Opening Application, Closure
Request, Change Report, Credential Custody, Annual Review) or by a Link to one register
(``account``: Certification Application, Publication Request, Content Filing, Published Post,
Account Activity, Post Import; ``group``: Group Change Request). Which field names it is read
from the DocType's meta (``platform_link_field``). A controller derived from :class:`PlatformRecord`
gets, before its own rules (``validate_record``):

- the platform looked up (``get_platform``), refused with the DocType's own error when the record
  names no account or group;
- the platform's title and the fields named in ``platform_fields`` (owner unit, tier, …) copied
  from it, so row-level access and the lists follow the platform;
- the scope re-check (``permissions.recheck_scope``): Frappe checks "create" before validate(),
  when the owner unit is not copied yet, so a new record is checked again here (a counsellor may
  not report for another unit's account).

The re-check cannot be forgotten: ``validate`` is the base's (a subclass that defines its own is
refused when its module is imported), and ``tests/test_platform_record.py`` finds every DocType
of the app that names a platform and that users create, and checks that its controller derives
from this base.

S17 (no written-out password in any free-text field) is not repeated here: ``validation.py``
checks every DocType of the app from its meta.
"""

from __future__ import annotations

import frappe
from frappe import _

from socialmedia_governance.permissions import recheck_scope
from socialmedia_governance.validation import TypeCheckedDocument

ACCOUNT = "Social Media Account"
GROUP = "Social Media Group"
REGISTERS = (ACCOUNT, GROUP)


def platform_title(platform) -> str | None:
	"""The name a platform is shown by: an account's name or a group's."""
	return platform.get("account_name") or platform.get("group_name")


def platform_link_field(meta):
	"""The field by which a DocType names its platform: the Dynamic Link whose DocType is
	``platform_doctype``, else its Link to one register; None when it names no platform."""
	for df in meta.fields:
		if df.fieldtype == "Dynamic Link" and df.options == "platform_doctype":
			return df
	return next((df for df in meta.fields if df.fieldtype == "Link" and df.options in REGISTERS), None)


class PlatformRecord(TypeCheckedDocument):
	"""A record about one account or group (named by ``platform_link_field``)."""

	platform_error: type[Exception] = frappe.ValidationError
	# the platform's fields this record keeps a copy of (besides ``platform_title``): a name (the
	# same field on both sides) or a pair (this record's field, the platform's field)
	platform_fields: tuple[str | tuple[str, str], ...] = ("owner_unit", "tier")
	copy_title = True
	# when set, only these columns of the platform are read (one query, no child tables)
	platform_columns: tuple[str, ...] = ()

	def __init_subclass__(cls, **kwargs):
		super().__init_subclass__(**kwargs)
		if cls.validate is not PlatformRecord.validate:
			raise TypeError(
				f"{cls.__name__} belongs to a platform: put its rules in validate_record(), not validate()"
			)

	def validate(self):
		platform = self.get_platform()
		self.check_platform(platform)
		self.copy_platform_details(platform)
		recheck_scope(self)
		self.validate_record(platform)

	def platform_link(self) -> tuple[str | None, str | None]:
		"""The register and the name of the platform this record names."""
		df = platform_link_field(self.meta)
		register = self.get(df.options) if df.fieldtype == "Dynamic Link" else df.options
		return register, self.get(df.fieldname)

	def get_platform(self):
		register, name = self.platform_link()
		platform = self.load_platform(register, name) if register in REGISTERS and name else None
		if not platform:
			frappe.throw(self.missing_platform_message(), self.platform_error)
		return platform

	def load_platform(self, register: str, name: str):
		"""The platform's document, or its ``platform_columns`` only; None when it does not exist."""
		if self.platform_columns:
			return frappe.db.get_value(register, name, list(self.platform_columns), as_dict=True)
		return frappe.get_doc(register, name) if frappe.db.exists(register, name) else None

	def missing_platform_message(self) -> str:
		df = platform_link_field(self.meta)
		if df.fieldtype == "Dynamic Link":
			return _("Choose an account or a group.")
		return _("Choose an account.") if df.options == ACCOUNT else _("Choose a group.")

	def check_platform(self, platform) -> None:
		"""Rules on the platform itself, before anything is copied from it."""

	def copy_platform_details(self, platform) -> None:
		if self.copy_title:
			self.platform_title = platform_title(platform)
		for field in self.platform_fields:
			own, theirs = field if isinstance(field, tuple) else (field, field)
			self.set(own, platform.get(theirs))

	def validate_record(self, platform) -> None:
		"""The DocType's own rules, once the platform is known and the scope re-checked."""
