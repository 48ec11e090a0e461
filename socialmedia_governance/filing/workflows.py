"""The shipped Workflows: created when absent (install, migrate), never overwritten.

Admins edit them in the desk (Workflow list). The controller only relies on two conventions:
- entering a state sets ``current_step`` through the state's "Update Field" / "Update Value";
- conditions may use ``doc.current_approvers`` and ``doc.next_step`` (see ``registry.people``).
So actions can be renamed and states added (a state without an update value keeps the step).
"""

from __future__ import annotations

import frappe

OPENING = "Opening Application Approval"
PUBLICATION = "Publication Request Approval"

# state, docstatus, style, role allowed to edit, current_step value
OPENING_STATES = (
	("Draft", 0, "", "All", None),
	("Pending Supervisor", 0, "Warning", "All", "Supervisor"),
	("Pending Youth League", 0, "Warning", "All", "Youth League"),
	("Pending Propaganda", 0, "Warning", "Propaganda Manager", "Propaganda"),
	("Approved", 1, "Success", "Propaganda Manager", "Approved"),
	("Rejected", 0, "Danger", "All", "Rejected"),
)
PENDING = {
	"Supervisor": "Pending Supervisor",
	"Youth League": "Pending Youth League",
	"Propaganda": "Pending Propaganda",
}
IS_APPROVER = 'frappe.session.user in (doc.current_approvers or "").split("\\n")'

# Publication requests (S10 → S7/S8): the supervising leader, then the Propaganda Department.
PUBLICATION_STEPS = ("Supervisor", "Propaganda")


def opening_transitions() -> list[dict]:
	return step_transitions(PENDING)


def publication_transitions() -> list[dict]:
	return step_transitions({step: PENDING[step] for step in PUBLICATION_STEPS})


def step_transitions(pending: dict[str, str]) -> list[dict]:
	rows = []
	for step, state in pending.items():  # submit: from a draft to the route's first step
		rows.append(t("Draft", "Submit for Approval", state, f'doc.next_step == "{step}"', self_approval=1))
	for state in pending.values():
		for step, target in [*pending.items(), ("Approved", "Approved")]:
			if target == state:
				continue
			rows.append(t(state, "Approve", target, f'{IS_APPROVER} and doc.next_step == "{step}"'))
		rows.append(t(state, "Reject", "Rejected", IS_APPROVER))
	rows.append(t("Rejected", "Revise", "Draft", "doc.applicant == frappe.session.user", self_approval=1))
	return rows


def t(state, action, next_state, condition, self_approval=0) -> dict:
	return {
		"state": state,
		"action": action,
		"next_state": next_state,
		"allowed": "All",
		"allow_self_approval": self_approval,
		"condition": condition,
	}


def ensure_master(doctype: str, name: str, **values):
	if not frappe.db.exists(doctype, name):
		frappe.get_doc({"doctype": doctype, **values}).insert(ignore_permissions=True)


def seed_workflows():
	"""Create the shipped workflows if they do not exist (an admin's edits are kept)."""
	for state, _docstatus, style, _role, _step in OPENING_STATES:
		ensure_master("Workflow State", state, workflow_state_name=state, style=style)
	for action in ("Submit for Approval", "Approve", "Reject", "Revise"):
		ensure_master("Workflow Action Master", action, workflow_action_name=action)
	_create(OPENING, "Opening Application", OPENING_STATES, opening_transitions())
	publication_states = [row for row in OPENING_STATES if row[0] != "Pending Youth League"]
	_create(PUBLICATION, "Publication Request", publication_states, publication_transitions())


def _create(name: str, doctype: str, states, transitions: list[dict]) -> None:
	if frappe.db.exists("Workflow", name):
		return
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": name,
			"document_type": doctype,
			"workflow_state_field": "workflow_state",
			"is_active": 1,
			"send_email_alert": 0,  # approvers are resolved per document: they get a ToDo and its email
			"override_status": 0,
			"states": [
				{
					"state": state,
					"doc_status": str(docstatus),
					"allow_edit": role,
					"update_field": "current_step" if step else None,
					"update_value": step,
				}
				for state, docstatus, _style, role, step in states
			],
			"transitions": transitions,
		}
	).insert(ignore_permissions=True)
