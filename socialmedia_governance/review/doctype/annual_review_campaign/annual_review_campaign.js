frappe.ui.form.on("Annual Review Campaign", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status !== "Closed") {
			frm.add_custom_button(
				frm.doc.total_reviews ? __("Add New Platforms") : __("Create Reviews"),
				() => start(frm)
			);
			frm.add_custom_button(__("Reviews"), () =>
				frappe.set_route("List", "Annual Review", { campaign: frm.doc.name })
			);
		}
		if (frm.doc.started_early_by) {
			frm.set_intro(
				__("Started before its open date by {0} on {1}.", [
					frappe.utils.escape_html(frappe.user_info(frm.doc.started_early_by).fullname),
					frappe.datetime.str_to_user(frm.doc.started_early_on),
				]),
				"orange"
			);
		}
	},
});

// Before the open date the server asks for a confirmation (and records who gave it).
function start(frm) {
	const call = (confirm_early) =>
		frm.call("start", { confirm_early }).then(() => frm.reload_doc());
	const early = !frm.doc.started_early_by && frappe.datetime.get_today() < frm.doc.open_date;
	if (!early) return call(0);
	frappe.confirm(
		__("This campaign opens on {0}. Start it now, before its open date? Your name is recorded.", [
			frappe.datetime.str_to_user(frm.doc.open_date),
		]),
		() => call(1)
	);
}
