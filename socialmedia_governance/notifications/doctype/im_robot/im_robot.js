// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.ui.form.on("IM Robot", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Send Test Message"), () =>
			frappe
				.call({
					method: "socialmedia_governance.notifications.delivery.send_test",
					args: { robot: frm.doc.name },
					freeze: true,
				})
				.then(({ message }) =>
					message.sent
						? frappe.show_alert({ message: __("Test message sent."), indicator: "green" })
						: frappe.msgprint(__("The robot did not accept the message: {0}", [message.error]))
				)
		);
	},
});
