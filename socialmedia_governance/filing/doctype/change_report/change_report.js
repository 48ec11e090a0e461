frappe.ui.form.on("Change Report", {
	refresh(frm) {
		if (frm.doc.calendar_warning) {
			frm.dashboard.set_headline_alert(frappe.utils.escape_html(frm.doc.calendar_warning), "orange");
		}
		if (frm.doc.is_late) {
			frm.dashboard.add_indicator(__("Reported after the due date"), "red");
		}
		if (frm.doc.docstatus === 1 && frm.doc.completion_status === "Awaiting Password Rotation") {
			frm.add_custom_button(__("Confirm Password Rotation"), () =>
				frappe.prompt(
					{ fieldname: "rotated_on", fieldtype: "Date", label: __("Password Rotated On"), reqd: 1, default: frappe.datetime.get_today() },
					({ rotated_on }) =>
						frappe
							.call("socialmedia_governance.filing.doctype.change_report.change_report.confirm_password_rotation", {
								name: frm.doc.name,
								rotated_on,
							})
							.then(() => frm.reload_doc())
				)
			);
		}
	},
});
