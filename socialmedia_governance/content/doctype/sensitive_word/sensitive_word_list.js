// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.listview_settings["Sensitive Word"] = {
	onload(listview) {
		if (!frappe.model.can_create("Sensitive Word")) return;
		listview.page.add_inner_button(__("Import Word List"), () => {
			const dialog = new frappe.ui.Dialog({
				title: __("Import Word List"),
				fields: [
					{
						fieldname: "category",
						label: __("Category"),
						fieldtype: "Link",
						options: "Sensitive Word Category",
						reqd: 1,
					},
					{
						fieldname: "text",
						label: __("Words"),
						fieldtype: "Long Text",
						reqd: 1,
						description: __(
							"One word per line; optionally word,category,severity. Words already in the lexicon are skipped."
						),
					},
				],
				primary_action_label: __("Import"),
				primary_action(values) {
					frappe
						.call({
							method: "socialmedia_governance.content.lexicon.import_words",
							args: values,
							freeze: true,
						})
						.then((r) => {
							dialog.hide();
							frappe.msgprint(
								__("{0} words added, {1} skipped.", [r.message.added, r.message.skipped])
							);
							listview.refresh();
						});
				},
			});
			dialog.show();
		});
	},
};
