"""Step-by-step approval along a route resolved at run time, shared by the approval DocTypes
(Opening Application, Publication Request).

The shipped Workflows (``filing.workflows``) move a document between states; each state's
"Update Field" sets ``current_step``. The controller reacts to that field only, so an admin
may rename actions or add states without breaking it, and it checks every step change itself,
so no REST call can skip a step or approve as the wrong person:

- ``_steps``: the ordered steps of the document's route (set by the controller's validate);
- ``current_approvers`` (one user per line) and ``next_step`` are kept up to date for the
  Workflow's transition conditions;
- ``steps`` (child table Approval Step) records who acted on each step and when.

A DocType using it sets ``flow_error`` (its ValidationError) and implements
``step_approvers(step)``; it may override ``before_step_approved(step)`` and
``assignment_description(lang)``.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import now_datetime

from socialmedia_governance import mail
from socialmedia_governance.notifications import assignments
from socialmedia_governance.policy import routes

OPEN_STEPS = frozenset(routes.STEPS)


class ApprovalNotAllowedError(frappe.PermissionError):
	pass


class StepApprovalMixin:
	flow_error: type[Exception] = frappe.ValidationError

	# ------------------------------------------------------------------ to implement
	def step_approvers(self, step: str) -> list[str]:
		raise NotImplementedError

	def before_step_approved(self, step: str) -> None:
		"""Checks that must pass before ``step`` is approved (not called for a rejection)."""

	def assignment_description(self, lang: str | None = None) -> str:
		"""The ToDo's text, in ``lang`` (the approver's language)."""
		return _("Please review {0} {1}: step {2}.", lang).format(
			_(self.doctype, lang), self.name, _(self.current_step, lang)
		)

	# ------------------------------------------------------------------ steps
	def onload(self) -> None:
		"""The full names of the current approvers, for the form's "waiting for" line."""
		users = [u for u in (self.get("current_approvers") or "").split("\n") if u]
		if users:
			names = dict(
				frappe.get_all(
					"User", filters={"name": ("in", users)}, fields=["name", "full_name"], as_list=True
				)
			)
			self.set_onload("approver_names", {u: names.get(u) or u for u in users})

	def set_next_step(self) -> None:
		current = self.current_step if self.current_step in OPEN_STEPS else None
		if current and current not in self._steps:
			current = None
		self.next_step = (
			routes.next_step(self._steps, current) if self.current_step != routes.APPROVED else ""
		)

	def validate_step_change(self) -> None:
		before = self.get_doc_before_save()
		previous = before.current_step if before else None
		if previous == self.current_step:
			return
		self.validate_moved_by_workflow(before)
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
					self.flow_error,
				)
			if self.current_step != routes.REJECTED:
				self.before_step_approved(previous)
			self.record_step(previous, "Rejected" if self.current_step == routes.REJECTED else "Approved")
		elif self.current_step in OPEN_STEPS:
			# first submission (or resubmission after a rejection): only to the route's first step
			if self.current_step != self._steps[0]:
				frappe.throw(
					_("Steps cannot be skipped: the first step is {0}.").format(_(self._steps[0])),
					self.flow_error,
				)
			if previous == routes.REJECTED or not previous:
				self.steps = []
		elif self.current_step == routes.APPROVED or self.current_step == routes.REJECTED:
			frappe.throw(_("The application has to pass its approval steps first."), self.flow_error)
		if self.current_step in OPEN_STEPS:
			self.append("steps", {"step": self.current_step, "status": "Pending"})

	def validate_moved_by_workflow(self, before) -> None:
		"""A step changes only with a Workflow transition (whose state sets that step), never by
		writing ``current_step`` alone: the Workflow's state and the step stay consistent."""
		from frappe.model.workflow import get_workflow_name

		workflow = get_workflow_name(self.doctype)
		if not workflow or not before:
			return
		state = frappe.db.get_value(
			"Workflow Document State",
			{"parent": workflow, "state": self.workflow_state},
			["update_field", "update_value"],
			as_dict=True,
		)
		if (
			before.workflow_state == self.workflow_state
			or not state
			or (state.update_field == "current_step" and (state.update_value or None) != self.current_step)
		):
			frappe.throw(
				_("Use the workflow actions (Approve, Reject …) to move the document between steps."),
				self.flow_error,
			)

	def record_step(self, step: str, status: str) -> None:
		for row in reversed(self.steps):
			if row.step == step and row.status == "Pending":
				row.status = status
				row.acted_by = frappe.session.user
				row.acted_on = now_datetime()
				return

	def set_current_approvers(self) -> None:
		if self.current_step in OPEN_STEPS:
			approvers = [a for a in self.step_approvers(self.current_step) if a and a != self.applicant]
			if not approvers:
				frappe.throw(
					_(
						"Nobody can approve the step {0}: set the responsible person in the organisation tree."
					).format(_(self.current_step)),
					self.flow_error,
				)
			self.current_approvers = "\n".join(dict.fromkeys(approvers))
			pending = [row for row in self.steps if row.step == self.current_step and row.status == "Pending"]
			if pending:
				pending[-1].approvers = self.current_approvers
		else:
			self.current_approvers = ""

	def is_current_approver(self, user: str | None = None) -> bool:
		user = user or frappe.session.user
		return user in (self.current_approvers or "").split("\n") and user != self.applicant

	# ------------------------------------------------------------------ assignments
	def sync_assignments(self) -> None:
		"""The approvers of the current step get a ToDo (with its email), written in their own
		language; earlier ones are closed. The ToDos are the system's (notifications.assignments):
		whoever approved the previous step does not find the next step's ToDos in his list."""
		wanted = set((self.current_approvers or "").split("\n")) - {""}
		current = {t.allocated_to for t in assignments.open_todos(self.doctype, self.name)}
		assignments.close(self.doctype, self.name, current - wanted)
		new = sorted(wanted - current)
		if new and self.docstatus == 0:
			frappe.enqueue(
				"socialmedia_governance.filing.approval_flow.send_workflow_action_emails",
				queue="short",
				enqueue_after_commit=True,
				doctype=self.doctype,
				name=self.name,
				users=new,
			)
		assignments.assign(self, new, self.assignment_description)


def send_workflow_action_emails(doctype: str, name: str, users: list[str]) -> int:
	"""Frappe's Workflow Action email (the action buttons link to Frappe's signed apply_action
	endpoint), sent to the approvers resolved from the tree only, not to every holder of the
	transition's role (the shipped transitions are allowed to "All" and narrowed by conditions)."""
	from frappe.model.workflow import get_transitions
	from frappe.utils import get_link_to_form
	from frappe.workflow.doctype.workflow_action.workflow_action import (
		get_common_email_args,
		get_email_template_from_workflow,
		get_workflow_action_url,
	)

	from socialmedia_governance.ui import typed

	doc = frappe.get_doc(doctype, name)
	if doc.docstatus != 0:
		return 0
	common = get_common_email_args(doc)
	message = common.pop("message", None)
	# Frappe's own subject ("Workflow Action on …") and header are English whatever the reader's
	# language; unless the Workflow names an Email Template, each approver gets them in theirs
	own_texts = not get_email_template_from_workflow(doc)
	sent = 0
	original_user, original_lang = frappe.session.user, frappe.local.lang
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
		lang = mail.user_lang(user)
		texts = {}
		if own_texts:
			what = f"{_(doc.doctype, lang)} {doc.name}"
			texts = {
				"subject": _("{0} ({1}) waits for your approval", lang).format(what, typed(doc.get_title())),
				"header": [_("Approval Request", lang), "blue"],
			}
			message = get_link_to_form(doc.doctype, doc.name, what)
		frappe.local.lang = lang  # the template's action buttons, in the reader's language
		try:
			if mail.send(
				recipients=[frappe.db.get_value("User", user, "email") or user],
				args={
					"actions": [
						frappe._dict(
							action_name=action, action_link=get_workflow_action_url(action, doc, user)
						)
						for action in actions
					],
					"message": message,
				},
				reference_doctype=doc.doctype,
				reference_name=doc.name,
				**{**common, **texts},
			):
				sent += 1
		finally:
			frappe.local.lang = original_lang
	return sent
