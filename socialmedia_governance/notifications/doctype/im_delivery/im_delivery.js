// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.ui.form.on("IM Delivery", {
	refresh(frm) {
		if (frm.doc.status === "Failed") {
			frm.add_custom_button(__("Retry"), () =>
				frappe
					.call({ method: "socialmedia_governance.notifications.delivery.retry", args: { delivery: frm.doc.name } })
					.then(() => frm.reload_doc())
			);
		}
	},
});
