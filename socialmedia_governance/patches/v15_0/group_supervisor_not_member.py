"""H4.1: mark the groups whose supervisor is not yet recorded as a member (new field, issue 16)."""

import frappe

from socialmedia_governance.policy import groups


def execute():
	rows = frappe.get_all("Social Media Group", fields=["name", "supervisor", "supervisor_is_member"])
	unmet = [r.name for r in rows if groups.supervisor_membership_unmet(r.supervisor, r.supervisor_is_member)]
	if unmet:
		group = frappe.qb.DocType("Social Media Group")
		frappe.qb.update(group).set(group.supervisor_not_member, 1).where(group.name.isin(unmet)).run()
