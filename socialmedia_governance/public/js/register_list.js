// List views of both registers (loaded for each through hooks.doctype_list_js).

// A large ledger takes seconds to build: the screen says so until the file arrives, and an error
// (no permission, bad filter) is shown as the desk shows any other.
// the header carries the (Chinese) name as UTF-8 bytes, which fetch reads as Latin-1
function file_name(raw) {
	try {
		const text = decodeURIComponent(raw);
		if (/[^\x00-\xff]/.test(text)) return text; // already characters, not bytes
		return new TextDecoder().decode(Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff));
	} catch (e) {
		return raw;
	}
}

async function download_ledger(doctype, filters) {
	const args = new URLSearchParams({ doctype, filters: JSON.stringify(filters) });
	frappe.dom.freeze(__("Preparing the ledger, please wait…"));
	try {
		const response = await fetch(
			"/api/method/socialmedia_governance.documents.ledger.export_ledger?" + args.toString(),
			{ headers: { "X-Frappe-CSRF-Token": frappe.csrf_token } }
		);
		if (!response.ok) {
			const body = await response.json().catch(() => ({}));
			frappe.request.cleanup({}, body);
			if (!body._server_messages) frappe.msgprint(__("The ledger could not be exported."));
			return;
		}
		const disposition = response.headers.get("Content-Disposition") || "";
		const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition) || /filename="?([^";]+)"?/i.exec(disposition);
		const link = document.createElement("a");
		link.href = URL.createObjectURL(await response.blob());
		link.download = match ? file_name(match[1]) : __("Ledger") + ".xlsx";
		document.body.appendChild(link);
		link.click();
		link.remove();
		setTimeout(() => URL.revokeObjectURL(link.href), 10000);
		frappe.show_alert({ message: __("Ledger downloaded."), indicator: "green" });
	} finally {
		frappe.dom.unfreeze();
	}
}
for (const doctype of ["Social Media Account", "Social Media Group"]) {
	frappe.listview_settings[doctype] = {
		add_fields: doctype === "Social Media Group" ? ["status", "tier", "supervisor_not_member"] : ["status", "tier"],
		// closed platforms leave the active register but keep their history (S14)
		filters: [["status", "!=", "Closed"]],
		onload(listview) {
			// the Excel ledger (台账) of the rows this user may see, with the list's filters
			listview.page.add_inner_button(__("Export Ledger"), () =>
				download_ledger(doctype, listview.get_filters_for_args() || [])
			);
			// S4, H7.1: whoever may not register is told who does (no add button says nothing)
			if (!frappe.model.can_create(doctype)) {
				frappe
					.xcall("socialmedia_governance.registry.register.registration_context", { doctype })
					.then((context) => listview.page.add_inner_message(context.who));
			}
		},
		get_indicator(doc) {
			// H4.1 unmet (groups): shown before the status, with a filter for all such groups
			if (doc.supervisor_not_member && doc.status !== "Closed") {
				return [__("Supervisor Not Yet a Member"), "red", "supervisor_not_member,=,1"];
			}
			const colours = {
				Draft: "gray",
				"Under Review": "orange",
				Active: "green",
				Suspended: "red",
				Closed: "darkgrey",
			};
			// the status in this register's words ("Closed" is 已注销 here, 已关闭 on a ToDo)
			return [__(doc.status, null, doctype), colours[doc.status] || "gray", "status,=," + doc.status];
		},
	};
}
