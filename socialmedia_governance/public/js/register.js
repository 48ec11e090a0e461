// Shared form behaviour of Social Media Account and Social Media Group.
window.socialmedia_governance_register = {
	setup(frm, kind) {
		frm.set_query("platform", () => ({ filters: { kind: kind, enabled: 1 } }));
		frm.set_query("owner_unit", () => ({ filters: { disabled: 0 } }));
	},
	refresh(frm) {
		if (!frm.is_new() && ["Draft", "Under Review"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Opening Application"), () => {
				frappe.db
					.get_value(
						"Opening Application",
						{ platform_record: frm.doc.name, docstatus: 0 },
						"name"
					)
					.then(({ message }) => {
						if (message && message.name) {
							frappe.set_route("Form", "Opening Application", message.name);
						} else {
							frappe.new_doc("Opening Application", {
								platform_doctype: frm.doctype,
								platform_record: frm.doc.name,
							});
						}
					});
			});
		}
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
