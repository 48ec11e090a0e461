// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.ui.form.on("Publication Request", {
	setup(frm) {
		frm.set_query("account", "targets", () => ({ filters: { status: "Active" } }));
	},
	refresh(frm) {
		if (frm.doc.docstatus === 1) {
			frm.add_custom_button(__("Record Publication"), () => {
				frappe.new_doc("Content Filing", {
					publication_request: frm.doc.name,
					account: (frm.doc.targets[0] || {}).account,
				});
			});
			frm.add_custom_button(__("Content Filings"), () =>
				frappe.set_route("List", "Content Filing", { publication_request: frm.doc.name })
			);
		}
		if (frm.doc.unresolved_hits) {
			const approver = (frm.doc.current_approvers || "").split("\n").includes(frappe.session.user);
			frm.dashboard.set_headline_alert(
				approver && !frm.doc.screening_justification
					? __(
							"{0} sensitive-word hits are unresolved: see the hits below, then resolve them or write your own justification before approving.",
							[frm.doc.unresolved_hits]
					  )
					: __("{0} sensitive-word hits are unresolved.", [frm.doc.unresolved_hits]),
				"orange"
			);
		}
	},
});
