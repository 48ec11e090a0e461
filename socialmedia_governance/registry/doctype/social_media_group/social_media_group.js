frappe.ui.form.on("Social Media Group", {
	setup(frm) {
		socialmedia_governance_register.setup(frm, "Chat Group");
	},
	refresh(frm) {
		socialmedia_governance_register.refresh(frm);
		// the H4.1 rules this group does not meet yet (one headline: a second would replace the first)
		const unmet = [];
		if (frm.doc.filing_required && !frm.doc.filing_number) {
			unmet.push(__("This group must be filed with the Propaganda Department."));
		}
		if (frm.doc.supervisor_not_member) {
			unmet.push(
				__(
					"The supervisor must be a member of the group: add them and record it (Supervisor Is a Member); until then its opening cannot be approved."
				)
			);
		}
		if (unmet.length) {
			frm.dashboard.set_headline_alert(
				unmet.join("<br>"),
				frm.doc.supervisor_not_member ? "red" : "orange"
			);
		}
	},
});
