// Copyright (c) 2026, socialmedia_governance developers and contributors
frappe.ui.form.on("Reminder Settings", {
	refresh(frm) {
		frm.add_custom_button(__("Send Test Email"), () =>
			frappe
				.call({ method: "socialmedia_governance.notifications.delivery.send_test_email", freeze: true })
				.then(({ message }) =>
					frappe.show_alert({
						message: __("Test email sent to {0}.", [frappe.utils.escape_html(message.recipient)]),
						indicator: "green",
					})
				)
		);
	},
});
