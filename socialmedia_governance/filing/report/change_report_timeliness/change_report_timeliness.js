frappe.query_reports["Change Report Timeliness"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
		{ fieldname: "tier2_unit", label: __("Tier-2 Unit"), fieldtype: "Link", options: "Organization Unit" },
		{ fieldname: "late_only", label: __("Late Reports Only"), fieldtype: "Check" },
	],
	// a unit's late count opens the list of its late reports
	formatter(value, row, column, data, default_formatter) {
		const html = default_formatter(value, row, column, data);
		if (data && column.fieldname === "late" && value > 0 && data.tier2_unit) {
			return `<a href="#" class="smg-late-drill" data-unit="${encodeURIComponent(data.tier2_unit)}">${html}</a>`;
		}
		return html;
	},
	onload(report) {
		report.page.wrapper.on("click", ".smg-late-drill", (e) => {
			e.preventDefault();
			const unit = decodeURIComponent($(e.currentTarget).attr("data-unit"));
			report.set_filter_value({ tier2_unit: unit, late_only: 1 });
		});
	},
};
