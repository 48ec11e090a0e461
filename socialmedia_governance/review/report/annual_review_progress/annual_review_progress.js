frappe.query_reports["Annual Review Progress"] = {
	filters: [
		{ fieldname: "campaign", label: __("Campaign"), fieldtype: "Link", options: "Annual Review Campaign" },
		{ fieldname: "tier", label: __("Tier"), fieldtype: "Select", options: ["", "1", "2", "3"] },
		{
			fieldname: "only_problems",
			label: __("Notice List: Only Units with Overdue or Failed Reviews"),
			fieldtype: "Check",
		},
	],
};
