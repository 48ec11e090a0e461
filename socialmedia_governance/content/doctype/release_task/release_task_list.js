// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.listview_settings["Release Task"] = {
	get_indicator(doc) {
		const colour = { Pending: "orange", Overdue: "red", Published: "green", "Published Late": "blue" };
		return [__(doc.status), colour[doc.status] || "gray", "status,=," + doc.status];
	},
};
