// Shared form behaviour of Social Media Account and Social Media Group.
window.socialmedia_governance_register = {
	setup(frm, kind) {
		frm.set_query("platform", () => ({ filters: { kind: kind, enabled: 1 } }));
		frm.set_query("owner_unit", () => ({ filters: { disabled: 0 } }));
	},
	refresh(frm) {
		if (frm.doc.supervisor) {
			frm.set_intro(
				__("Tier {0}. Supervised by {1}: {2}", [
					frm.doc.tier,
					frappe.utils.escape_html(frm.doc.supervisor_name || frm.doc.supervisor),
					frappe.utils.escape_html(frm.doc.supervision_basis || ""),
				]),
				"blue"
			);
		}
	},
};
