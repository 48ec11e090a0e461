# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from socialmedia_governance import ui
from socialmedia_governance.policy import tiers
from socialmedia_governance.registry import roles
from socialmedia_governance.registry.supervision import UNIT_FIELDS, refresh_subtree, to_unit

PEOPLE_FIELDS = ("head", "secretary", "counsellor", "advisor")
# Fields whose change can move the supervisor of something owned in the subtree.
SUPERVISION_INPUTS = ("unit_type", "parent_organization_unit", *PEOPLE_FIELDS)


class OrganizationUnitError(frappe.ValidationError):
	pass


class OrganizationUnit(NestedSet):
	nsm_parent_field = "parent_organization_unit"

	def autoname(self):
		base = (self.unit_name or "").strip()
		name = base
		if frappe.db.exists("Organization Unit", name) and self.parent_organization_unit:
			parent_title = frappe.db.get_value(
				"Organization Unit", self.parent_organization_unit, "unit_name"
			)
			name = f"{base} ({parent_title})"
		suffix = 2
		while frappe.db.exists("Organization Unit", name):
			name = f"{base} ({suffix})"
			suffix += 1
		self.name = name

	def validate(self):
		self.validate_unit_name()
		self.validate_shape()
		self.tier = tiers.tier_of_type(self.unit_type)
		self.is_group = 1 if self.unit_type in tiers.GROUP_TYPES else 0
		self.clear_people_the_type_does_not_use()

	def validate_unit_name(self):
		self.unit_name = (self.unit_name or "").strip()
		if not self.unit_name:
			frappe.throw(_("Please enter the unit name."), OrganizationUnitError)

	def validate_shape(self):
		parent = None
		if self.parent_organization_unit:
			if self.parent_organization_unit == self.name:
				frappe.throw(_("A unit cannot be its own parent."), OrganizationUnitError)
			parent_row = frappe.db.get_value(
				"Organization Unit",
				self.parent_organization_unit,
				list(UNIT_FIELDS),
				as_dict=True,
			)
			parent = to_unit(parent_row) if parent_row else None
		problems = tiers.validate_unit(to_unit(self), parent)
		messages = {
			"unknown_type": _("Unknown unit type {0}.").format(ui.bold(self.unit_type)),
			"missing_head": _(
				"{0} needs a head: a unit of type {1} must name its principal party or administrative head."
			).format(ui.bold(self.unit_name), _(self.unit_type)),
			"missing_counsellor": _(
				"{0} needs a counsellor: every class is supervised by its counsellor."
			).format(ui.bold(self.unit_name)),
			"missing_advisor": _(
				"{0} needs an advisor: student organisations and clubs are supervised by their advisor."
			).format(ui.bold(self.unit_name)),
			"school_not_root": _("The school is the root of the tree and cannot have a parent unit."),
			"missing_parent": _("Please choose the parent unit of {0}.").format(ui.bold(self.unit_name)),
			"parent_type_not_allowed": _(
				"A unit of type {0} cannot be placed under a unit of type {1}."
			).format(_(self.unit_type), _(parent.unit_type) if parent else ""),
		}
		if problems:
			frappe.throw(
				"<br>".join(messages[p] for p in problems), OrganizationUnitError, title=_("Invalid Unit")
			)
		if self.unit_type == tiers.SCHOOL and frappe.db.exists(
			"Organization Unit", {"unit_type": tiers.SCHOOL, "name": ("!=", self.name or "")}
		):
			frappe.throw(_("There is already a school at the root of the tree."), OrganizationUnitError)

	def clear_people_the_type_does_not_use(self):
		if self.unit_type != tiers.CLASS:
			self.counsellor = None
		if self.unit_type not in tiers.STUDENT_TYPES:
			self.advisor = None

	def on_update(self):
		super().on_update()
		roles.grant_unit_roles(self)
		before = self.get_doc_before_save()
		if before is None or any(before.get(f) != self.get(f) for f in SUPERVISION_INPUTS):
			refresh_subtree(self.name)

	def on_trash(self):
		for register in ("Social Media Account", "Social Media Group"):
			if frappe.db.exists(register, {"owner_unit": self.name}):
				frappe.throw(
					_("{0} still owns records in {1}; move or close them first.").format(
						ui.bold(self.unit_name), _(register)
					),
					OrganizationUnitError,
				)
		super().on_trash()


@frappe.whitelist()
def get_children(doctype: str, parent: str | None = None, is_root: bool = False, **filters):
	"""Tree view children, titled by unit name."""
	frappe.has_permission("Organization Unit", "read", throw=True)
	if frappe.utils.cint(is_root) or frappe.utils.sbool(is_root) is True:
		parent = ""
	return frappe.get_list(
		"Organization Unit",
		fields=["name as value", "unit_name as title", "is_group as expandable", "unit_type"],
		filters={"parent_organization_unit": parent or "", "disabled": 0},
		order_by="lft",
	)


@frappe.whitelist()
def add_node():
	from frappe.desk.treeview import make_tree_args

	frappe.has_permission("Organization Unit", "create", throw=True)
	args = make_tree_args(**frappe.form_dict)
	if args.get("is_root"):
		args.parent_organization_unit = None
	frappe.get_doc(args).insert()
