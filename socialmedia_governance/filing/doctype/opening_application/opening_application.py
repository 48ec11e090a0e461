# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""Opening application (S4, H7.1, H4.1, S6): a platform becomes active only after the last step.

The route is decided at run time from the owner in the organisation tree (``policy.routes``),
each step's approvers likewise (``filing.approvers``). The shipped Workflow moves the document
between states; each state's ``update_field`` sets ``current_step``, and this controller reacts
to that field only, so an admin may rename actions or add states without breaking it. Every
step change is checked here too, so no REST call can skip a step or approve as the wrong person.
"""

import frappe
from frappe import _
from frappe.desk.form import assign_to
from frappe.model.document import Document
from frappe.model.naming import make_autoname
from frappe.utils import now_datetime, today

from socialmedia_governance.filing.approvers import step_approvers
from socialmedia_governance.permissions import recheck_scope
from socialmedia_governance.policy import routes
from socialmedia_governance.registry.register import allow_process_update
from socialmedia_governance.registry.supervision import get_settings, site_lang

OPEN_STEPS = set(routes.STEPS)


class OpeningApplicationError(frappe.ValidationError):
	pass


class ApprovalNotAllowedError(frappe.PermissionError):
	pass


class OpeningApplication(Document):
	def before_insert(self):
		self.applicant = frappe.session.user
		self.application_date = today()
		self.current_step = None
		self.steps = []

	def validate(self):
		platform = self.get_platform()
		self.validate_platform_state(platform)
		self.copy_platform_details(platform)
		recheck_scope(self)
		self.set_route(platform)
		self.validate_step_change(platform)
		self.set_current_approvers(platform)

	def on_update(self):
		self.sync_platform_status()
		self.sync_assignments()

	def on_submit(self):
		if self.current_step != routes.APPROVED:
			frappe.throw(
				_("The application can only be submitted by its final approval."), OpeningApplicationError
			)
		self.activate_platform()
		self.sync_assignments()

	def before_cancel(self):
		frappe.throw(
			_("An approved opening cannot be cancelled; close the platform instead."), OpeningApplicationError
		)

	# ------------------------------------------------------------------ platform
	def get_platform(self):
		if self.platform_doctype not in ("Social Media Account", "Social Media Group"):
			frappe.throw(_("Choose an account or a group."), OpeningApplicationError)
		if not self.platform_record or not frappe.db.exists(self.platform_doctype, self.platform_record):
			frappe.throw(
				_("{0} {1} does not exist.").format(_(self.platform_doctype), self.platform_record or ""),
				OpeningApplicationError,
			)
		return frappe.get_doc(self.platform_doctype, self.platform_record)

	def validate_platform_state(self, platform):
		if self.is_new() or self.has_value_changed("platform_record"):
			if platform.status not in ("Draft", "Under Review"):
				frappe.throw(
					_("{0} is {1}: only a draft can be applied for.").format(
						frappe.bold(self.platform_title or platform.name), _(platform.status)
					),
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
		self.platform_title = platform.get("account_name") or platform.get("group_name")
		self.owner_unit = platform.owner_unit
		self.tier = platform.tier
		self.outside_cooperation = platform.get("outside_cooperation") or 0
		self.outside_party = platform.get("outside_party")
		if platform.is_retroactive or (platform.opened_on and str(platform.opened_on) < today()):
			self.application_type = "Retroactive Filing"

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
		current = self.current_step if self.current_step in OPEN_STEPS else None
		if current and current not in steps:
			current = None
		self.next_step = routes.next_step(steps, current) if self.current_step != routes.APPROVED else ""

	# ------------------------------------------------------------------ steps
	def validate_step_change(self, platform):
		before = self.get_doc_before_save()
		previous = before.current_step if before else None
		if previous == self.current_step:
			return
		user = frappe.session.user
		if previous in OPEN_STEPS:
			approvers = (before.current_approvers or "").split("\n")
			if not routes.may_approve(user, approvers, self.applicant):
				frappe.throw(
					_("Only {0} may act on the step {1} of this application.").format(
						", ".join(a for a in approvers if a) or _("nobody"), _(previous)
					)
					if user != self.applicant
					else _("You cannot approve your own application."),
					ApprovalNotAllowedError,
				)
			if self.current_step != routes.REJECTED and self.current_step != routes.next_step(
				self._steps, previous
			):
				frappe.throw(
					_("Steps cannot be skipped: after {0} comes {1}.").format(
						_(previous), _(routes.next_step(self._steps, previous))
					),
					OpeningApplicationError,
				)
			if previous == routes.PROPAGANDA and self.current_step != routes.REJECTED:
				self.validate_outside_cooperation_authorised()
			self.record_step(previous, "Rejected" if self.current_step == routes.REJECTED else "Approved")
		elif self.current_step in OPEN_STEPS:
			# first submission (or resubmission after a rejection): only to the route's first step
			if self.current_step != self._steps[0]:
				frappe.throw(
					_("Steps cannot be skipped: the first step is {0}.").format(_(self._steps[0])),
					OpeningApplicationError,
				)
			if previous == routes.REJECTED or not previous:
				self.steps = []
		elif self.current_step == routes.APPROVED or self.current_step == routes.REJECTED:
			frappe.throw(_("The application has to pass its approval steps first."), OpeningApplicationError)
		if self.current_step in OPEN_STEPS:
			self.append("steps", {"step": self.current_step, "status": "Pending"})

	def record_step(self, step, status):
		for row in reversed(self.steps):
			if row.step == step and row.status == "Pending":
				row.status = status
				row.acted_by = frappe.session.user
				row.acted_on = now_datetime()
				return

	def validate_outside_cooperation_authorised(self):
		"""S6: no platform run with an outside party without the Propaganda Department's authorisation."""
		if not self.outside_cooperation:
			return
		if not (self.propaganda_authorisation or "").strip():
			frappe.throw(
				_(
					"{0} is run with an outside party ({1}): record the Propaganda Department's authorisation before approving."
				).format(frappe.bold(self.platform_title), self.outside_party or "-"),
				OpeningApplicationError,
				title=_("Authorisation Required"),
			)
		self.authorised_by = frappe.session.user

	def set_current_approvers(self, platform):
		if self.current_step in OPEN_STEPS:
			approvers = [a for a in step_approvers(self.current_step, platform) if a != self.applicant]
			if not approvers and self.current_step == routes.SUPERVISOR:
				# the supervisor applied personally: the host unit's first responsible person decides (S12)
				approvers = [a for a in (platform.responsible_person,) if a and a != self.applicant]
			if not approvers:
				frappe.throw(
					_(
						"Nobody can approve the step {0}: set the responsible person in the organisation tree."
					).format(_(self.current_step)),
					OpeningApplicationError,
				)
			self.current_approvers = "\n".join(approvers)
			pending = [row for row in self.steps if row.step == self.current_step and row.status == "Pending"]
			if pending:
				pending[-1].approvers = self.current_approvers
		else:
			self.current_approvers = ""

	# ------------------------------------------------------------------ effects
	def sync_platform_status(self):
		status = {
			"Supervisor": "Under Review",
			"Youth League": "Under Review",
			"Propaganda": "Under Review",
			"Rejected": "Draft",
		}.get(self.current_step)
		if not status:
			return
		platform = frappe.get_doc(self.platform_doctype, self.platform_record)
		if platform.status != status:
			allow_process_update(platform)
			platform.status = status
			platform.save(ignore_permissions=True)

	def activate_platform(self):
		platform = frappe.get_doc(self.platform_doctype, self.platform_record)
		allow_process_update(platform)
		platform.status = "Active"
		if routes.PROPAGANDA in self._route_steps():
			prefix = get_settings().filing_number_prefix or "XCB"
			self.filing_number = make_autoname(f"{prefix}-.YYYY.-.####", "Opening Application")
			self.db_set("filing_number", self.filing_number)
			platform.filing_number = self.filing_number
			platform.filed_on = today()
		if self.application_type == "Retroactive Filing":
			platform.is_retroactive = 1
		platform.opened_on = platform.opened_on or today()
		platform.save(ignore_permissions=True)

	def _route_steps(self):
		return getattr(self, "_steps", None) or tuple(r.step for r in self.steps)

	def sync_assignments(self):
		"""The approvers of the current step get a ToDo (with its email); earlier ones are closed."""
		wanted = set((self.current_approvers or "").split("\n")) - {""}
		open_todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": self.doctype, "reference_name": self.name, "status": "Open"},
			fields=["name", "allocated_to"],
		)
		current = {t.allocated_to for t in open_todos}
		for todo in open_todos:
			if todo.allocated_to not in wanted:
				frappe.db.set_value("ToDo", todo.name, "status", "Closed")
		new = sorted(wanted - current)
		if new and self.docstatus == 0:
			frappe.enqueue(
				"socialmedia_governance.filing.doctype.opening_application.opening_application.send_workflow_action_emails",
				queue="short",
				enqueue_after_commit=True,
				name=self.name,
				users=new,
			)
		if new:
			assign_to.add(
				{
					"assign_to": new,
					"doctype": self.doctype,
					"name": self.name,
					"description": _("Please review opening application {0} ({1}): step {2}.").format(
						self.name, self.platform_title, _(self.current_step)
					),
				},
				ignore_permissions=True,
			)


def send_workflow_action_emails(name: str, users: list[str]) -> int:
	"""Frappe's Workflow Action email (the action buttons link to Frappe's signed apply_action
	endpoint), sent to the approvers resolved from the tree only, not to every holder of the
	transition's role (the shipped transitions are allowed to "All" and narrowed by conditions)."""
	from frappe.model.workflow import get_transitions
	from frappe.workflow.doctype.workflow_action.workflow_action import (
		get_common_email_args,
		get_workflow_action_url,
	)

	doc = frappe.get_doc("Opening Application", name)
	if doc.docstatus != 0:
		return 0
	common = get_common_email_args(doc)
	message = common.pop("message", None)
	sent = 0
	original_user = frappe.session.user
	for user in users:
		if user not in (doc.current_approvers or "").split("\n"):
			continue
		frappe.set_user(user)
		try:
			actions = {t.action: t for t in get_transitions(doc)}
		finally:
			frappe.set_user(original_user)
		if not actions:
			continue
		frappe.sendmail(
			recipients=[frappe.db.get_value("User", user, "email") or user],
			args={
				"actions": [
					frappe._dict(action_name=action, action_link=get_workflow_action_url(action, doc, user))
					for action in actions
				],
				"message": message,
			},
			reference_doctype=doc.doctype,
			reference_name=doc.name,
			**common,
		)
		sent += 1
	return sent
