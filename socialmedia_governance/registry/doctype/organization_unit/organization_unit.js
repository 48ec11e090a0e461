frappe.ui.form.on("Organization Unit", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Accounts"), () =>
				frappe.set_route("List", "Social Media Account", { owner_unit: frm.doc.name })
			);
			frm.add_custom_button(__("Groups"), () =>
				frappe.set_route("List", "Social Media Group", { owner_unit: frm.doc.name })
			);
		}
	},
});
