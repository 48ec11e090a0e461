frappe.ui.form.on("Annual Review", {
	refresh(frm) {
		if (frm.doc.status === "Pending Report" && !frm.is_new()) {
			frm.add_custom_button(__("Submit Report"), () =>
				frm
					.save()
					.then(() =>
						frappe.call(
							"socialmedia_governance.review.doctype.annual_review.annual_review.submit_report",
							{ name: frm.doc.name }
						)
					)
					.then(() => frm.reload_doc())
			);
		}
		if (frm.doc.is_overdue) {
			frm.dashboard.set_headline_alert(__("The annual report is overdue."), "red");
		}
	},
});
