// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.query_reports["Award Eligibility"] = {
	filters: [
		{ fieldname: "user", label: __("Person"), fieldtype: "Link", options: "User" },
		{ fieldname: "unit", label: __("Unit"), fieldtype: "Link", options: "Organization Unit" },
		{ fieldname: "date", label: __("Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
	],
};
