// Copyright (c) 2026, socialmedia_governance developers and contributors
const AUTO = "Recognise Automatically";

// The formats offered are the account's platform's (an export of another platform is refused).
function offer_presets(frm) {
	if (!frm.doc.account) return;
	frappe
		.xcall("socialmedia_governance.monitoring.imports.presets_for", { account: frm.doc.account })
		.then((presets) => {
			frm.set_df_property("preset", "options", [AUTO, ...presets].join("\n"));
			if (frm.doc.preset && ![AUTO, ...presets].includes(frm.doc.preset)) frm.set_value("preset", AUTO);
		});
}

frappe.ui.form.on("Post Import", {
	account: offer_presets,
	refresh(frm) {
		offer_presets(frm);
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
