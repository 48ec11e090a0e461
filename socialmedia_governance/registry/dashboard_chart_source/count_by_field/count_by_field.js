// Counts of the chart's DocType grouped by one field, with the labels the desk shows (count_by_field.py).
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Count by Field"] = {
	method: "socialmedia_governance.registry.dashboard_chart_source.count_by_field.count_by_field.get",
	filters: [],
};
