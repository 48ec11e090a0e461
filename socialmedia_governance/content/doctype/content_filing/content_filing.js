// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.ui.form.on("Content Filing", {
	setup(frm) {
		frm.set_query("publication_request", () => ({ filters: { docstatus: 1 } }));
	},
});
