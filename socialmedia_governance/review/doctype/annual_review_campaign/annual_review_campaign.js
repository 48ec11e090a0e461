frappe.ui.form.on("Annual Review Campaign", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status !== "Closed") {
			frm.add_custom_button(
				frm.doc.total_reviews ? __("Add New Platforms") : __("Create Reviews"),
				() => frm.call("start").then(() => frm.reload_doc())
			);
			frm.add_custom_button(__("Reviews"), () =>
				frappe.set_route("List", "Annual Review", { campaign: frm.doc.name })
			);
		}
	},
});
