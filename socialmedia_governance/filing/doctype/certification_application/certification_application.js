frappe.ui.form.on("Certification Application", {
	setup(frm) {
		frm.set_query("account", () => ({
			filters: { status: "Active", filing_number: ["is", "set"], certification_status: ["!=", "Certified"] },
		}));
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0 && frm.doc.status === "Pending" && !frm.is_new() && frappe.user.has_role("Propaganda Manager")) {
			frm.add_custom_button(__("Reject"), () =>
				frappe.prompt(
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Rejection Reason"), reqd: 1 },
					({ reason }) =>
						frappe
							.call(
								"socialmedia_governance.filing.doctype.certification_application.certification_application.reject",
								{ name: frm.doc.name, reason }
							)
							.then(() => frm.reload_doc()),
					__("Reject")
				)
			);
		}
	},
});
