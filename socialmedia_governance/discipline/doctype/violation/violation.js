// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.ui.form.on("Violation", {
	category(frm) {
		if (!frm.doc.category) return;
		frappe.db
			.get_value("Violation Category", frm.doc.category, ["is_poor_management", "is_illegal"])
			.then(({ message }) => {
				frm.set_value("award_ban", message.is_poor_management ? 1 : 0);
				if (message.is_illegal) frm.set_value("referred_to_authorities", 1);
			});
	},
});
