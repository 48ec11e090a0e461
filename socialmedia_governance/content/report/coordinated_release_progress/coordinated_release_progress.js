// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.query_reports["Coordinated Release Progress"] = {
	filters: [
		{
			fieldname: "release",
			label: __("Coordinated Release"),
			fieldtype: "Link",
			options: "Coordinated Release",
			get_query: () => ({ filters: { docstatus: 1 } }),
		},
		{
			fieldname: "only_stragglers",
			label: __("Only Units with Stragglers"),
			fieldtype: "Check",
		},
	],
};
