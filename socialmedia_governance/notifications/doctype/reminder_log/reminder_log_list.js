// Copyright (c) 2026, socialmedia_governance developers and contributors
// The rule is stored as its id; people read what it reminds of (the ids' zh names are in zh.csv).
frappe.listview_settings["Reminder Log"] = {
	formatters: {
		rule(value) {
			return frappe.utils.escape_html(__(value || ""));
		},
	},
};
