// List views of both registers (loaded for each through hooks.doctype_list_js).
for (const doctype of ["Social Media Account", "Social Media Group"]) {
	frappe.listview_settings[doctype] = {
		add_fields: ["status", "tier"],
		// closed platforms leave the active register but keep their history (S14)
		filters: [["status", "!=", "Closed"]],
		get_indicator(doc) {
			const colours = {
				Draft: "gray",
				"Under Review": "orange",
				Active: "green",
				Suspended: "red",
				Closed: "darkgrey",
			};
			return [__(doc.status), colours[doc.status] || "gray", "status,=," + doc.status];
		},
	};
}
