// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.ui.form.on("Post Import", {
	refresh(frm) {
		if (frm.is_new() || !frm.doc.import_file) return;
		frm.add_custom_button(frm.doc.status === "Not Started" ? __("Import Posts") : __("Import Again"), () =>
			frappe
				.call({
					method: "socialmedia_governance.monitoring.imports.run",
					args: { name: frm.doc.name },
					freeze: true,
					freeze_message: __("Importing posts…"),
				})
				.then(() => frm.reload_doc())
		).addClass("btn-primary");
	},
});
