// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.ui.form.on("Incident", {
	refresh(frm) {
		if (!frm.is_new() && frappe.model.can_create("Violation")) {
			frm.add_custom_button(__("Record Violation"), () =>
				frappe.new_doc("Violation", {
					platform_doctype: frm.doc.platform_doctype,
					platform_record: frm.doc.platform_record,
					incident: frm.doc.name,
					found_on: frappe.datetime.str_to_obj(frm.doc.found_on),
					description: frm.doc.description,
					evidence_url: frm.doc.url,
				})
			);
		}
	},
});
