frappe.ui.form.on("Social Media Group", {
	setup(frm) {
		socialmedia_governance_register.setup(frm, "Chat Group");
	},
	refresh(frm) {
		socialmedia_governance_register.refresh(frm);
		if (frm.doc.filing_required && !frm.doc.filing_number) {
			frm.dashboard.set_headline_alert(
				__("This group must be filed with the Propaganda Department (H4.1)."),
				"orange"
			);
		}
	},
});
