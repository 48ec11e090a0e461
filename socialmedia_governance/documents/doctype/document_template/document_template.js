// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.ui.form.on("Document Template", {
	refresh(frm) {
		frm.set_intro(
			__("Upload a .docx file that uses only the fields listed under Known Fields."),
			"blue"
		);
	},
});
