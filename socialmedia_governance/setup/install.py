"""Install-time setup: small idempotent functions (seed once, never overwrite what admins edit)."""

from __future__ import annotations

import frappe

from socialmedia_governance.content.lexicon import seed_categories
from socialmedia_governance.discipline.categories import seed_violation_categories
from socialmedia_governance.documents.print_defaults import set_default_print_formats
from socialmedia_governance.filing.workflows import seed_workflows
from socialmedia_governance.monitoring.install import seed_settings as seed_monitoring_settings
from socialmedia_governance.policy import content, platforms, presets
from socialmedia_governance.setup.reminders import seed_settings as seed_reminder_settings


def seed_all(*, with_platforms: bool = True) -> None:
	"""Everything the app seeds, for the three install hooks. Each step is idempotent: it creates
	what is missing and never overwrites what an admin edited."""
	if with_platforms:
		seed_platforms()
	seed_settings()  # fills settings added since the site was set up, never overwrites
	seed_categories()
	seed_violation_categories()
	seed_reminder_settings()
	seed_workflows()  # creates missing workflows only; an admin's edits survive every migrate
	add_indexes()
	set_default_print_formats()  # DocTypes with a print format of the app open on it
	seed_monitoring_settings()  # RSSHub routes per platform, once
	keep_frappe_workspaces_for_system_managers()


# The role that keeps Frappe's own workspaces (keep_frappe_workspaces_for_system_managers).
FRAPPE_WORKSPACE_ROLE = "System Manager"


def frappe_workspaces() -> list[str]:
	"""The public workspaces outside the app's modules (Frappe's own and other apps'), but Frappe's
	"Welcome Workspace", which the desk shows only to a user who has no other."""
	from socialmedia_governance.validation import app_modules

	return frappe.get_all(
		"Workspace",
		filters={
			"public": 1,
			"module": ("not in", sorted(app_modules())),
			"name": ("!=", "Welcome Workspace"),
		},
		pluck="name",
	)


def keep_frappe_workspaces_for_system_managers() -> list[str]:
	"""Frappe's own workspaces (Build, Integrations, Tools, Users, Website) are shown to every desk
	user while they have no roles: a counsellor's sidebar listed all five beside the app's two, with
	English headings ("Reports & Masters", "Components to build your app") and links she may not
	open. Every public workspace outside the app's modules that has no roles is kept for the System
	Manager (Frappe's own "Welcome Workspace", shown to a user with no other, excepted). Found from
	the Workspace records at every install and migrate, so a workspace Frappe or another app adds
	later, or one a Frappe update re-imports without roles, is kept too; an administrator who wants
	one shown to others gives it those roles (e.g. All), and it is left as it is. Returns the
	workspaces changed."""
	changed = []
	for name in frappe_workspaces():
		if frappe.db.exists("Has Role", {"parenttype": "Workspace", "parent": name}):
			continue
		# a child row alone: the workspace itself (Frappe's standard record) is not saved, so a
		# newer copy of it in a Frappe update is still imported
		frappe.get_doc(
			{
				"doctype": "Has Role",
				"parenttype": "Workspace",
				"parentfield": "roles",
				"parent": name,
				"role": FRAPPE_WORKSPACE_ROLE,
			}
		).db_insert()
		changed.append(name)
	if changed:
		frappe.clear_cache()
	return changed


def after_install():
	seed_all()
	no_tracebacks_in_browsers()


def no_tracebacks_in_browsers():
	"""Refused input is answered with its message only: with System Settings' "Allow Error
	Traceback" on (Frappe's default), every refused call also sends the server's traceback, which
	the desk prints in the browser's console, and shows server paths to any user. An admin may
	turn it back on in System Settings; the Error Log keeps every traceback either way."""
	frappe.db.set_single_value("System Settings", "allow_error_traceback", 0)


def after_migrate():
	seed_all(with_platforms=False)  # a shipped platform an admin deleted stays deleted


def before_tests():
	"""Prepare a fresh test site: the seed data a test expects, and the setup wizard out of the way."""
	frappe.clear_cache()
	complete_setup_wizard()
	seed_all()
	# Frappe skips its own before_tests (frappe.utils.install.before_tests) once another app is
	# installed, and this hook replaces it: leave the site as Frappe's would, so that Frappe's own
	# suites (e.g. test_user.test_signup) pass on a site with this app.
	frappe.db.set_single_value("Website Settings", "disable_signup", 0)
	frappe.db.commit()
	frappe.clear_cache()


def complete_setup_wizard():
	"""Finish Frappe's setup wizard (China, Asia/Shanghai, CNY) unless it is done: until then the
	desk sends every user but the Administrator to a wizard only a System Manager may open."""
	if frappe.db.get_single_value("System Settings", "setup_complete"):
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	setup_complete(
		{
			"language": "English",  # the demo and the users choose Chinese afterwards
			"country": "China",
			"timezone": "Asia/Shanghai",
			"currency": "CNY",
		}
	)


def seed_platforms():
	"""Create the shipped platforms that do not exist yet; an admin's edits are never touched."""
	for name, code, kind, pattern, example in platforms.DEFAULT_PLATFORMS:
		if frappe.db.exists("Social Media Platform", name) or frappe.db.exists(
			"Social Media Platform", {"platform_code": code}
		):
			continue
		frappe.get_doc(
			{
				"doctype": "Social Media Platform",
				"platform_name": name,
				"platform_code": code,
				"kind": kind,
				"id_pattern": pattern,
				"id_example": example,
				"enabled": 1,
			}
		).insert(ignore_permissions=True)


def seed_settings():
	"""Fill Governance Settings from the default preset once (when it has never been set); a
	site set up before a setting existed gets that setting's preset value once."""
	settings = frappe.get_single("Governance Settings")
	if settings.regulation_title:
		if not settings.publication_checklist or not settings.incident_handling_hours:
			values = presets.preset_values(settings.preset or presets.DEFAULT_PRESET)
			if not settings.publication_checklist:
				settings.set("publication_checklist", values["publication_checklist"])
			settings.incident_handling_hours = (
				settings.incident_handling_hours or content.DEFAULT_INCIDENT_HOURS
			)
			settings.flags.ignore_permissions = True
			settings.save()
		return
	settings.preset = presets.DEFAULT_PRESET
	settings.update(presets.preset_values(presets.DEFAULT_PRESET))
	settings.flags.ignore_permissions = True
	settings.save()


def add_indexes():
	"""Composite indexes the registers' queries rely on (idempotent)."""
	from socialmedia_governance import reports
	from socialmedia_governance.registry.supervision import add_scope_indexes

	for doctype in ("Social Media Account", "Social Media Group"):
		frappe.db.add_index(doctype, ["platform", "platform_id"], index_name="platform_platform_id")
		frappe.db.add_index(doctype, ["owner_unit", "status"], index_name="owner_unit_status")
	add_scope_indexes()  # (scope column, modified): row-level lists in the desk's order (issue 17)
	reports.add_indexes()  # the indexes each Script Report reads, declared beside its SQL
