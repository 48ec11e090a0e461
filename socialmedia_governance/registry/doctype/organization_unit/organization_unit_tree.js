frappe.treeview_settings["Organization Unit"] = {
	get_tree_nodes: "socialmedia_governance.registry.doctype.organization_unit.organization_unit.get_children",
	add_tree_node: "socialmedia_governance.registry.doctype.organization_unit.organization_unit.add_node",
	breadcrumb: "Registry",
	title: __("Organisation Tree"),
	get_tree_root: false,
	root_label: __("All Units"),
	fields: [
		{ fieldtype: "Data", fieldname: "unit_name", label: __("Unit Name"), reqd: true },
		{
			fieldtype: "Select",
			fieldname: "unit_type",
			label: __("Unit Type"),
			reqd: true,
			options: [
				"Department",
				"Office",
				"Secondary College",
				"Internal Office",
				"Class",
				"Student Organisation",
				"Club",
				"Work Group",
			].map((value) => ({ value, label: __(value) })),
		},
		{ fieldtype: "Link", fieldname: "head", label: __("Head"), options: "User" },
		{ fieldtype: "Link", fieldname: "counsellor", label: __("Counsellor"), options: "User" },
		{ fieldtype: "Link", fieldname: "advisor", label: __("Advisor"), options: "User" },
	],
	ignore_fields: ["parent_organization_unit"],
	onload(treeview) {
		treeview.make_tree();
	},
};
