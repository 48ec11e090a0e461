frappe.ui.form.on("Social Media Account", {
	setup(frm) {
		socialmedia_governance_register.setup(frm, "Public Account");
	},
	refresh(frm) {
		socialmedia_governance_register.refresh(frm);
	},
});
