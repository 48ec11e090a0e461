"""Workflow actions on the app's step-by-step approvals (issue 16).

Frappe offers a workflow action only to whom its transition condition admits, and answers anyone
else with its generic "Not a valid Workflow Action". For the app's approvals that condition is
"is an approver of the current step": someone who is not gets the app's own message instead,
naming who may act on the step, whichever transitions and action names an administrator has
configured (the check reads the Workflow at run time and the document's ``current_approvers``).
Hooked through ``override_whitelisted_methods`` on Frappe's ``apply_workflow``."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow as frappe_apply_workflow
from frappe.model.workflow import get_transitions, get_workflow

from socialmedia_governance.filing.approval_flow import (
	OPEN_STEPS,
	ApprovalNotAllowedError,
	StepApprovalMixin,
)


@frappe.whitelist()
def apply_workflow(doc, action):
	refuse_outside_the_step(frappe.parse_json(doc), action)
	return frappe_apply_workflow(doc, action)


def refuse_outside_the_step(values, action: str) -> None:
	doctype, name = values.get("doctype"), values.get("name")
	if not doctype or not name or not frappe.db.exists(doctype, name):
		return
	doc = frappe.get_doc(doctype, name)
	if not isinstance(doc, StepApprovalMixin) or doc.current_step not in OPEN_STEPS:
		return
	if action in {t.action for t in get_transitions(doc)}:
		return  # the user may act: Frappe goes on
	workflow = get_workflow(doctype)
	if not any(t.state == doc.workflow_state and t.action == action for t in workflow.transitions):
		return  # not an action of this state at all: Frappe's own answer
	user = frappe.session.user
	if user == doc.applicant:
		frappe.throw(_("You cannot approve your own application."), ApprovalNotAllowedError)
	approvers = [a for a in (doc.current_approvers or "").split("\n") if a]
	if user in approvers:
		return  # an approver refused by another condition of the workflow: Frappe's answer
	names = dict(
		frappe.get_all(
			"User", filters={"name": ("in", approvers)}, fields=["name", "full_name"], as_list=True
		)
	)
	frappe.throw(
		_("Only {0} may act on the step {1} of this application.").format(
			"、".join(frappe.bold(frappe.utils.escape_html(names.get(a) or a)) for a in approvers)
			or _("nobody"),
			_(doc.current_step),
		),
		ApprovalNotAllowedError,
		title=_("Not Your Step"),
	)
