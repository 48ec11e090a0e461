// List views of both registers (loaded for each through hooks.doctype_list_js).
for (const doctype of ["Social Media Account", "Social Media Group"]) {
	frappe.listview_settings[doctype] = {
		add_fields: ["status", "tier"],
		// closed platforms leave the active register but keep their history (S14)
		filters: [["status", "!=", "Closed"]],
		onload(listview) {
			// the Excel ledger (台账) of the rows this user may see, with the list's filters
			listview.page.add_inner_button(__("Export Ledger"), () => {
				const args = new URLSearchParams({
					doctype,
					filters: JSON.stringify(listview.get_filters_for_args() || []),
				});
				window.open(
					"/api/method/socialmedia_governance.documents.ledger.export_ledger?" + args.toString()
				);
			});
		},
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
