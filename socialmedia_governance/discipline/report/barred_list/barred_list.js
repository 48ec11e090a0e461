// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.query_reports["Barred List"] = {
	filters: [
		{ fieldname: "date", label: __("Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "subject_type", label: __("Subject Type"), fieldtype: "Select", options: ["", "User", "Organization Unit"] },
	],
};
