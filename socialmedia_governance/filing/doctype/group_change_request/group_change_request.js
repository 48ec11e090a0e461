frappe.ui.form.on("Group Change Request", {
	refresh(frm) {
		const user = frappe.session.user;
		const waiting =
			(user === frm.doc.group_owner && !frm.doc.owner_approved_by) ||
			(user === frm.doc.supervisor && !frm.doc.supervisor_approved_by);
		if (frm.doc.docstatus === 0 && !frm.is_new() && waiting) {
			frm.add_custom_button(__("Approve"), () =>
				frappe
					.call("socialmedia_governance.filing.doctype.group_change_request.group_change_request.approve", {
						name: frm.doc.name,
					})
					.then(() => frm.reload_doc())
			);
		}
	},
});
