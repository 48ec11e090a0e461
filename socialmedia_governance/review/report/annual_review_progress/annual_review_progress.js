frappe.query_reports["Annual Review Progress"] = {
	filters: [
		{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Annual Review Campaign" },
		{
			fieldname: "tier",
			label: __("Tier"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "1", label: __("Tier 1") },
				{ value: "2", label: __("Tier 2") },
				{ value: "3", label: __("Tier 3") },
			],
		},
		{
			fieldname: "only_problems",
			label: __("Notice List: Only Units with Overdue or Failed Reviews"),
			fieldtype: "Check",
		},
	],
};
