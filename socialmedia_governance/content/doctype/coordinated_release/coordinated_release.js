// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.ui.form.on("Coordinated Release", {
	refresh(frm) {
		if (frm.doc.docstatus !== 1) return;
		frm.add_custom_button(__("Release Tasks"), () =>
			frappe.set_route("List", "Release Task", { release: frm.doc.name })
		);
		frm.add_custom_button(__("Progress per Unit"), () =>
			frappe.set_route("query-report", "Coordinated Release Progress", { release: frm.doc.name })
		);
		if (frm.doc.published < frm.doc.targeted && frm.perm[0] && frm.perm[0].submit) {
			frm.add_custom_button(__("Remind Stragglers"), () =>
				frm.call("remind_stragglers").then(() => frm.reload_doc())
			);
		}
	},
});
