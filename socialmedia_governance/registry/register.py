"""Shared behaviour of the two registers (Social Media Account, Social Media Group).

The controllers stay thin: every rule they apply lives in ``policy`` and is called from here.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document

from socialmedia_governance import ui
from socialmedia_governance.policy import platforms
from socialmedia_governance.registry import roles
from socialmedia_governance.registry.supervision import derive_for_unit, supervision_values

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


class RegisteredPlatform(Document):
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
		self.set_supervision()

	def on_update(self):
		roles.grant_platform_roles(self)

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
			if self.status not in (None, "", "Draft"):
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
		before = self.get_doc_before_save()
		changed = [
			f for f in self.process_fields() if before and (before.get(f) or None) != (self.get(f) or None)
		]
		if changed:
			frappe.throw(
				_(
					"{0} can only be changed through the governance process (application, certification, change report or closure)."
				).format(", ".join(_(self.meta.get_label(f)) for f in changed)),
				ProcessFieldError,
			)

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
