frappe.ui.form.on("Governance Settings", {
	apply_preset(frm) {
		frappe.confirm(
			__("Replace the policy values with those of {0}?", [__(frm.doc.preset)]),
			() => frm.call("apply_preset", { preset: frm.doc.preset }).then(() => frm.reload_doc())
		);
	},
});
