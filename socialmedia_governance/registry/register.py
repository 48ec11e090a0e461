"""Shared behaviour of the two registers (Social Media Account, Social Media Group).

The controllers stay thin: every rule they apply lives in ``policy`` and is called from here.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.base_document import get_controller
from frappe.model.document import Document

from socialmedia_governance import permissions, ui
from socialmedia_governance.changes import changed_fields
from socialmedia_governance.filing import numbers as filing_numbers
from socialmedia_governance.policy import platforms
from socialmedia_governance.registry import roles
from socialmedia_governance.registry.supervision import ScopeColumns, derive_for_unit, supervision_values

# Fields only a governance process (filing, certification, closure) may change.
PROCESS_FIELDS = (
	"status",
	"filing_number",
	"filed_on",
	"closed_on",
	"is_retroactive",
	"certification_status",
)


class RegisterError(frappe.ValidationError):
	pass


class DuplicatePlatformIdError(RegisterError):
	pass


class ProcessFieldError(RegisterError):
	pass


# S17 is checked for every free-text field of the app in socialmedia_governance/validation.py
from socialmedia_governance.validation import CredentialInTextError  # noqa: E402, F401


def allow_process_update(doc) -> None:
	"""Mark ``doc`` as being changed by a governance process (workflow, campaign, import)."""
	doc.flags.governance_process = True


class RegisteredPlatform(ScopeColumns, Document):
	"""Base class for accounts and groups."""

	kind: str = ""  # "Public Account" or "Chat Group"
	title_field_name: str = ""

	def validate(self):
		self.validate_title()
		self.validate_platform()
		self.validate_platform_id()
		self.validate_unique_platform_id()
		self.validate_required_details()
		self.validate_administrators()
		self.validate_process_fields()
		self.validate_filing_number()
		self.set_supervision()

	def on_update(self):
		roles.grant_platform_roles(self)

	def raise_no_permission_to(self, perm_type):
		"""A refused registration says who registers for the unit instead of Frappe's bare
		"You need the 'create' permission" (S4, H7.1)."""
		if perm_type == "create" and self.is_new():
			frappe.flags.error_message = who_registers(self.doctype, self.get("owner_unit"))
			raise frappe.PermissionError(frappe.flags.error_message)
		super().raise_no_permission_to(perm_type)

	def validate_title(self):
		title = (self.get(self.title_field_name) or "").strip()
		if not title:
			frappe.throw(_("Please enter the name."), RegisterError)
		self.set(self.title_field_name, title)

	def validate_platform(self):
		kind, enabled = frappe.db.get_value("Social Media Platform", self.platform, ["kind", "enabled"]) or (
			None,
			0,
		)
		if kind is None:
			frappe.throw(_("Platform {0} does not exist.").format(ui.bold(self.platform)), RegisterError)
		if kind != self.kind:
			frappe.throw(
				_("{0} is a platform for {1}, not for {2}.").format(
					ui.bold(self.platform), _(kind), _(self.kind)
				),
				RegisterError,
			)
		if not enabled and self.is_new():
			frappe.throw(_("Platform {0} is disabled.").format(ui.bold(self.platform)), RegisterError)

	def validate_platform_id(self):
		self.platform_id = platforms.normalise_id(self.platform_id) or None
		if not self.platform_id:
			return
		if len(self.platform_id) > platforms.MAX_ID_LENGTH:
			frappe.throw(_("The platform identifier is too long."), RegisterError)
		pattern, example, label = frappe.db.get_value(
			"Social Media Platform", self.platform, ["id_pattern", "id_example", "id_label"]
		)
		if not platforms.id_matches(self.platform_id, pattern):
			frappe.throw(
				_("{0} is not a valid {1} identifier on {2}. Example of a valid one: {3}").format(
					ui.bold(self.platform_id), label or _("platform"), self.platform, example or "-"
				),
				RegisterError,
				title=_("Unknown Identifier Format"),
			)
		if self.get("url") and not platforms.is_http_url(self.url):
			frappe.throw(_("The homepage URL must start with http:// or https://."), RegisterError)

	def validate_unique_platform_id(self):
		if not self.platform_id:
			return
		other = frappe.db.get_value(
			self.doctype,
			{"platform": self.platform, "platform_id": self.platform_id, "name": ("!=", self.name or "")},
			["name", self.title_field_name],
			as_dict=True,
		)
		if other:
			frappe.throw(
				_("{0} {1} on {2} is already registered as {3}.").format(
					_(self.doctype),
					ui.bold(self.platform_id),
					self.platform,
					ui.bold(other.get(self.title_field_name)),
				)
				+ f" ({other.name})",
				DuplicatePlatformIdError,
				title=_("Duplicate"),
			)

	def validate_administrators(self):
		seen = set()
		for row in self.get("administrators") or []:
			if row.user in seen:
				frappe.throw(
					_("Row {0}: {1} is listed twice as an administrator.").format(row.idx, ui.bold(row.user)),
					RegisterError,
				)
			seen.add(row.user)

	def validate_process_fields(self):
		"""Status, filing and closure change only through their processes, never by editing the record."""
		if self.flags.governance_process or frappe.flags.in_import or frappe.flags.in_install:
			return
		if self.is_new():
			if self.status not in (None, "", platforms.DRAFT):
				frappe.throw(
					_("A new record starts as a draft; it becomes active through its opening application."),
					ProcessFieldError,
				)
			for field in self.process_fields():
				if field not in ("status", "certification_status"):
					self.set(field, None)
			if self.meta.has_field("certification_status"):
				self.certification_status = "Not Certified"
			return
		changed = changed_fields(self, self.process_fields())
		if changed:
			frappe.throw(
				_(
					"{0} can only be changed through the governance process (application, certification, change report or closure)."
				).format(", ".join(_(self.meta.get_label(f)) for f in changed)),
				ProcessFieldError,
			)

	def validate_filing_number(self):
		"""S4: a filing number is issued once, across both registers (imports included)."""
		if self.get("filing_number"):
			self.filing_number = self.filing_number.strip()
		filing_numbers.validate_unique(self)

	def process_fields(self) -> list[str]:
		return [f for f in PROCESS_FIELDS if self.meta.has_field(f)]

	def validate_required_details(self):
		"""Details that become mandatory with a tick: the outside party (S6), outsider consent (H4.3)."""
		for flag, detail in (
			("outside_cooperation", "outside_party"),
			("outsiders_allowed", "outsider_approval"),
		):
			if self.meta.has_field(flag) and self.get(flag) and not (self.get(detail) or "").strip():
				frappe.throw(
					_("Please fill in {0}.").format(_(self.meta.get_label(detail))),
					RegisterError,
					title=_("Missing Details"),
				)

	def set_supervision(self):
		values = supervision_values(derive_for_unit(self.owner_unit))
		self.update(values)


UNIT_PEOPLE = ("head", "secretary", "counsellor", "advisor")


def who_registers(doctype: str, unit: str | None = None) -> str:
	"""Who may register a new record of ``doctype`` (for ``unit``), in the words the desk shows."""
	rule = _(
		"An account administrator registers a draft only for the units of the platforms they already administer, listed among its administrators; it opens after the unit's opening application is approved."
	)
	if unit and frappe.db.exists("Organization Unit", unit):
		people = frappe.db.get_value("Organization Unit", unit, UNIT_PEOPLE, as_dict=True)
		users = [people[f] for f in UNIT_PEOPLE if people.get(f)]
		names = [frappe.db.get_value("User", u, "full_name") or u for u in dict.fromkeys(users)]
		return (
			_("{0} for {1} are registered by {2} or by the Propaganda Department.").format(
				_(doctype),
				ui.bold(frappe.db.get_value("Organization Unit", unit, "unit_name") or unit),
				", ".join(ui.bold(n) for n in names) or _("the unit's head"),
			)
			+ " "
			+ rule
		)
	return (
		_(
			"{0} are registered by the owning unit's head, counsellor or advisor, by the Youth League Committee for student organisations and clubs, or by the Propaganda Department."
		).format(_(doctype))
		+ " "
		+ rule
	)


@frappe.whitelist()
def registration_context(doctype: str) -> dict:
	"""What the register's list and new form tell their user about registering (S4, H7.1).

	``can_create``: the user's roles allow registering; ``administrator_only``: they register as an
	account administrator, so only for ``units`` (those of the platforms they run) and with
	themselves among the administrators; ``who``: who registers, for users who may not."""
	controller = get_controller(doctype) if frappe.db.exists("DocType", doctype) else None
	if not (controller and issubclass(controller, RegisteredPlatform)):
		frappe.throw(_("{0} is not a register.").format(ui.bold(doctype)), RegisterError)
	frappe.has_permission(doctype, "read", throw=True)
	user = frappe.session.user
	scopes = permissions.user_scopes(user)
	unit_wide = scopes is None or bool(permissions.visible_units_sql(user, scopes))
	administrator_only = not unit_wide and permissions.access.SCOPE_ADMINISTRATOR in scopes
	return {
		"can_create": bool(frappe.has_permission(doctype, "create")),
		"administrator_only": administrator_only,
		"units": sorted(permissions.administered_units(user)) if administrator_only else [],
		"who": who_registers(doctype),
	}
