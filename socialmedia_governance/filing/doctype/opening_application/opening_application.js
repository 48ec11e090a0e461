frappe.ui.form.on("Opening Application", {
	setup(frm) {
		frm.set_query("platform_record", () => ({ filters: { status: ["in", ["Draft", "Under Review"]] } }));
	},
	refresh(frm) {
		// S4, H7.1: no step passes without the reason (the server refuses it): the form asks for it
		// before the first save, so the workflow's actions are never offered without one
		frm.toggle_reqd("reason", frm.doc.docstatus === 0);
		if (frm.doc.current_approvers && frm.doc.docstatus === 0) {
			const names = (frm.doc.__onload && frm.doc.__onload.approver_names) || {};
			frm.set_intro(
				__("Waiting for {0}: {1}", [
					__(frm.doc.current_step),
					frm.doc.current_approvers
						.split("\n")
						.map((user) => frappe.utils.escape_html(names[user] || user))
						.join(", "),
				]),
				"yellow"
			);
		}
	},
});
