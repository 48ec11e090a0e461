// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.query_reports["Dormant Accounts"] = {
	filters: [
		{
			fieldname: "state",
			label: __("Activity State"),
			fieldtype: "Select",
			options: [
				{ value: "Dormant", label: __("Dormant") },
				{ value: "Going Quiet", label: __("Going Quiet") },
				{ value: "Both", label: __("Dormant or Going Quiet") },
			],
			default: "Dormant",
		},
		{ fieldname: "owner_unit", label: __("Owner Unit"), fieldtype: "Link", options: "Organization Unit" },
		{ fieldname: "platform", label: __("Platform"), fieldtype: "Link", options: "Social Media Platform" },
		{ fieldname: "tier", label: __("Tier"), fieldtype: "Select", options: ["", "1", "2", "3"] },
		{
			fieldname: "rows",
			label: __("Rows"),
			fieldtype: "Select",
			options: [
				{ value: "100", label: __("The 100 silent longest") },
				{ value: "500", label: __("The 500 silent longest") },
				{ value: "All", label: __("All accounts") },
			],
			default: "100",
			depends_on: "eval:!doc.by_unit",
		},
		{ fieldname: "by_unit", label: __("By Unit"), fieldtype: "Check" },
	],
};
