"""May this person or unit receive an award or honour on a date? (H10.1, S18)

A ban names a person or a unit; a unit ban bars exactly the units named in the decision (the class
or club and its tier-2 unit), not their sub-units or parents."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import formatdate, getdate, today

from socialmedia_governance import ui
from socialmedia_governance.policy import discipline

READERS = (
	"Propaganda Manager",
	"Governance Auditor",
	"Unit Head",
	"Youth League Manager",
	"Counsellor",
	"Club Advisor",
	"System Manager",
)


def bans_of(subject: str) -> list[discipline.Ban]:
	rows = frappe.get_all(
		"Award Ban",
		filters={"subject": subject},
		fields=["subject", "start_date", "end_date", "reason", "violation"],
	)
	return [
		discipline.Ban(r.subject, getdate(r.start_date), getdate(r.end_date), r.reason or "", r.violation)
		for r in rows
	]


@frappe.whitelist()
def check(subject: str, date: str | None = None) -> dict:
	"""``{"eligible", "subject", "date", "until", "bans": [...], "message"}`` for a user id or a unit name."""
	if not set(frappe.get_roles()) & set(READERS):
		raise frappe.PermissionError
	if not subject or not (
		frappe.db.exists("User", subject) or frappe.db.exists("Organization Unit", subject)
	):
		frappe.throw(_("{0} is neither a user nor an organisation unit.").format(ui.text(subject)))
	on = getdate(date or today())
	active = discipline.active_bans(bans_of(subject), subject, on)
	ok, until = not active, (active[-1].end if active else None)
	message = (
		_("{0} may receive awards and honours on {1}.").format(subject, formatdate(on))
		if ok
		else _("{0} may not receive awards or honours on {1}: barred until {2} ({3}).").format(
			subject, formatdate(on), formatdate(until), "; ".join(b.reason for b in active)
		)
	)
	return {
		"eligible": ok,
		"subject": subject,
		"date": str(on),
		"until": str(until) if until else None,
		"bans": [
			{"start": str(b.start), "end": str(b.end), "reason": b.reason, "violation": b.reference}
			for b in active
		],
		"message": message,
	}
