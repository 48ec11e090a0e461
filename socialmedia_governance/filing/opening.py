"""What an opening application does to its platform (S4, H4.1, H7.1): while it is approved the
platform is under review (a running platform being filed keeps running), a rejection puts it back
to draft, and the last approval activates it, with its filing number when the Propaganda
Department approved it. The controller (``filing/doctype/opening_application``) calls these."""

from __future__ import annotations

from frappe.utils import today

from socialmedia_governance.filing.numbers import next_filing_number
from socialmedia_governance.policy import platforms, routes
from socialmedia_governance.registry.register import allow_process_update

RETROACTIVE = "Retroactive Filing"  # an application that files a platform already running (补报)

# the platform's status while the application waits at a step (none: left as it is)
STATUS_AT_STEP = {
	routes.SUPERVISOR: platforms.UNDER_REVIEW,
	routes.YOUTH_LEAGUE: platforms.UNDER_REVIEW,
	routes.PROPAGANDA: platforms.UNDER_REVIEW,
	routes.REJECTED: platforms.DRAFT,
}


def awaits_filing(platform) -> bool:
	"""A running platform that must be filed with the Propaganda Department and is not yet (H4.1:
	a group that reached the threshold; S4: an account opened before filing, e.g. imported)."""
	if platform.status != platforms.ACTIVE or platform.get("filing_number"):
		return False
	return bool(platform.get("filing_required")) if platform.meta.has_field("filing_required") else True


def sync_platform_status(app) -> None:
	"""The platform's status follows the application's current step."""
	status = STATUS_AT_STEP.get(app.current_step)
	if not status:
		return
	platform = app.get_platform()
	if platform.status == platforms.ACTIVE:
		return  # a running platform being filed (H4.1, S4 补报) keeps running meanwhile
	if platform.status != status:
		allow_process_update(platform)
		platform.status = status
		platform.save(ignore_permissions=True)


def activate_platform(app) -> None:
	"""The last approval: the platform runs, filed (its number from the application) when the
	Propaganda Department was a step of the route."""
	platform = app.get_platform()
	allow_process_update(platform)
	platform.status = platforms.ACTIVE
	steps = getattr(app, "_steps", None) or tuple(r.step for r in app.steps)
	if routes.PROPAGANDA in steps:
		app.filing_number = next_filing_number()
		app.db_set("filing_number", app.filing_number)
		platform.filing_number = app.filing_number
		platform.filed_on = today()
	if app.application_type == RETROACTIVE:
		platform.is_retroactive = 1
	platform.opened_on = platform.opened_on or today()
	platform.save(ignore_permissions=True)
