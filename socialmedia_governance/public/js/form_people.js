// A form's timeline and sidebar say who created and who last edited the record ("{0} 创建了此记录"),
// by the name in frappe.boot.user_info. Frappe v15 sends with a form the people of its comments,
// versions and assignments, but not its creator or last editor, so those read as their login (an
// e-mail address) unless the reader met them elsewhere. Their names are fetched with Frappe's own
// call for a form's viewers, then the timeline and the sidebar are drawn again: every form.
$(document).on("form-refresh", (_event, frm) => {
	const doc = frm && frm.doc;
	if (!doc || doc.__islocal) return;
	const known = frappe.boot.user_info || {};
	const missing = [...new Set([doc.owner, doc.modified_by])].filter((user) => user && !known[user]);
	if (!missing.length) return;
	frappe
		.xcall("frappe.desk.form.load.get_user_info_for_viewers", { users: JSON.stringify(missing) })
		.then((info) => {
			if (!info || !Object.keys(info).length) return;
			frappe.update_user_info(info);
			if (frm.doc !== doc) return; // another record was opened meanwhile
			if (frm.timeline) frm.timeline.refresh();
			if (frm.sidebar) frm.sidebar.refresh();
		})
		.catch(() => {}); // the logins stay: Frappe has shown what went wrong
});
