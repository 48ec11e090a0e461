# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""Opening application (S4, H7.1, H4.1, S6): a platform becomes active only after the last step.

The route is decided at run time from the owner in the organisation tree (``policy.routes``),
each step's approvers likewise (``registry.people``). The shipped Workflow moves the document
between states; each state's ``update_field`` sets ``current_step``, and this controller reacts
to that field only, so an admin may rename actions or add states without breaking it. Every
step change is checked here too, so no REST call can skip a step or approve as the wrong person.
What the application does to its platform (status, activation, filing number) is in
``filing/opening.py``.
"""

import frappe
from frappe import _
from frappe.utils import today

from socialmedia_governance import ui
from socialmedia_governance.filing import approval_flow
from socialmedia_governance.filing.approval_flow import (  # noqa: F401 - re-exported for callers
	OPEN_STEPS,
	ApprovalNotAllowedError,
	StepApprovalMixin,
)
from socialmedia_governance.filing.opening import (
	RETROACTIVE,
	activate_platform,
	awaits_filing,
	sync_platform_status,
)
from socialmedia_governance.policy import platforms, routes
from socialmedia_governance.registry.people import step_approvers
from socialmedia_governance.registry.platform_record import REGISTERS, PlatformRecord
from socialmedia_governance.registry.settings import get_settings, site_lang


class OpeningApplicationError(frappe.ValidationError):
	pass


class OpeningApplication(StepApprovalMixin, PlatformRecord):
	flow_error = OpeningApplicationError
	platform_error = OpeningApplicationError

	def before_insert(self):
		self.applicant = frappe.session.user
		self.application_date = today()
		self.current_step = None
		self.steps = []

	def validate_record(self, platform):
		self.set_route(platform)
		self._platform = platform
		self.validate_reason()
		self.validate_step_change()
		self.set_current_approvers()

	def on_update(self):
		sync_platform_status(self)
		self.sync_assignments()

	def on_submit(self):
		if self.current_step != routes.APPROVED:
			frappe.throw(
				_("The application can only be submitted by its final approval."), OpeningApplicationError
			)
		activate_platform(self)
		self.sync_assignments()

	def before_cancel(self):
		frappe.throw(
			_("An approved opening cannot be cancelled; close the platform instead."), OpeningApplicationError
		)

	# ------------------------------------------------------------------ platform
	def missing_platform_message(self):
		if self.platform_doctype not in REGISTERS:
			return super().missing_platform_message()
		return _("{0} {1} does not exist.").format(_(self.platform_doctype), self.platform_record or "")

	def check_platform(self, platform):
		if self.is_new() or self.has_value_changed("platform_record"):
			if platform.status not in (platforms.DRAFT, platforms.UNDER_REVIEW) and not awaits_filing(
				platform
			):
				frappe.throw(
					_(
						"{0} is {1}: only a draft, or a running platform that must still be filed, can be applied for."
					).format(ui.bold(self.platform_title or platform.name), _(platform.status)),
					OpeningApplicationError,
				)
			other = next(
				(
					a.name
					for a in frappe.get_all(
						"Opening Application",
						filters={
							"platform_doctype": self.platform_doctype,
							"platform_record": self.platform_record,
							"docstatus": 0,
							"name": ("!=", self.name or ""),
						},
						fields=["name", "current_step"],
					)
					if a.current_step != routes.REJECTED
				),
				None,
			)
			if other:
				frappe.throw(
					_("Application {0} for this platform is already open.").format(other),
					OpeningApplicationError,
				)

	def copy_platform_details(self, platform):
		super().copy_platform_details(platform)
		self.outside_cooperation = platform.get("outside_cooperation") or 0
		self.outside_party = platform.get("outside_party")
		if (
			platform.is_retroactive
			or awaits_filing(platform)
			or (platform.opened_on and str(platform.opened_on) < today())
		):
			self.application_type = RETROACTIVE

	def validate_reason(self):
		"""S4, H7.1: the approval form states why the platform is opened; no step passes without it."""
		before = self.get_doc_before_save()
		moving = self.current_step != (before.current_step if before else None)
		if moving and self.current_step != routes.REJECTED and not (self.reason or "").strip():
			frappe.throw(
				_(
					"Please fill in {0} first: the approvers decide on it and the approval form prints it."
				).format(ui.bold(_(self.meta.get_label("reason")))),
				OpeningApplicationError,
				title=_("Missing Details"),
			)

	def set_route(self, platform):
		settings = get_settings()
		owner_type = frappe.db.get_value("Organization Unit", platform.owner_unit, "unit_type")
		steps = routes.route(
			owner_type=owner_type,
			is_group=self.platform_doctype == "Social Media Group",
			member_count=platform.get("member_count"),
			uses_school_name=platform.uses_school_name,
			threshold=settings.group_filing_threshold,
			student_via_youth_league=bool(settings.student_org_via_youth_league),
		)
		self._steps = steps
		lang = site_lang()
		self.route = " → ".join(_(s, lang=lang) for s in steps)
		self.set_next_step()

	# ------------------------------------------------------------------ steps
	def step_approvers(self, step):
		approvers = [a for a in step_approvers(step, self._platform) if a != self.applicant]
		if not approvers and step == routes.SUPERVISOR:
			# the supervisor applied personally: the host unit's first responsible person decides (S12)
			approvers = [a for a in (self._platform.responsible_person,) if a and a != self.applicant]
		return approvers

	def before_step_approved(self, step):
		if self.platform_doctype == "Social Media Group":
			self._platform.check_supervisor_is_member()  # H4.1, at every step
		if step == routes.PROPAGANDA:
			self.validate_outside_cooperation_authorised()

	def assignment_description(self, lang=None):
		return _("Please review opening application {0} ({1}): step {2}.", lang).format(
			self.name, self.platform_title, _(self.current_step, lang)
		)

	def validate_outside_cooperation_authorised(self):
		"""S6: no platform run with an outside party without the Propaganda Department's authorisation."""
		if not self.outside_cooperation:
			return
		if not (self.propaganda_authorisation or "").strip():
			frappe.throw(
				_(
					"{0} is run with an outside party ({1}): record the Propaganda Department's authorisation before approving."
				).format(ui.bold(self.platform_title), self.outside_party or "-"),
				OpeningApplicationError,
				title=_("Authorisation Required"),
			)
		self.authorised_by = frappe.session.user


def send_workflow_action_emails(name: str, users: list[str]) -> int:
	"""Workflow Action emails of one application to its resolved approvers (see approval_flow)."""
	return approval_flow.send_workflow_action_emails("Opening Application", name, users)
