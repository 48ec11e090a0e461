// Shared form behaviour of Social Media Account and Social Media Group.
window.socialmedia_governance_register = {
	setup(frm, kind) {
		frm.set_query("platform", () => ({ filters: { kind: kind, enabled: 1 } }));
		frm.set_query("owner_unit", () => {
			const filters = { disabled: 0 };
			const context = frm.__registration;
			if (frm.is_new() && context && context.administrator_only) {
				filters.name = ["in", context.units];
			}
			return { filters };
		});
	},
	refresh(frm) {
		// a headline is appended, not replaced, and refresh runs twice after a first save: start clean
		frm.dashboard.clear_headline();
		if (frm.is_new()) {
			this.prepare_new(frm);
		}
		if (!frm.is_new() && ["Draft", "Under Review"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Opening Application"), () => this.open_application(frm));
		}
		if (!frm.is_new() && this.awaits_filing(frm)) {
			// a running platform that must still be filed (H4.1: a group at the threshold; S4: 补报)
			frm.add_custom_button(__("File with the Propaganda Department"), () =>
				this.open_application(frm)
			);
		}
		if (
			!frm.is_new() &&
			frm.doctype === "Social Media Group" &&
			frm.doc.status !== "Closed" &&
			frappe.model.can_create("Group Change Request")
		) {
			// H4.3: the owner and the supervisor decide a rename or a dissolution together
			for (const [label, change_type] of [
				[__("Rename Group"), "Rename"],
				[__("Dissolve Group"), "Dissolve"],
			]) {
				frm.add_custom_button(
					label,
					() =>
						frappe.new_doc("Group Change Request", {
							group: frm.doc.name,
							change_type: change_type,
						}),
					__("Rename or Dissolve")
				);
			}
		}
		if (frm.doc.supervisor) {
			frm.set_intro(
				__("Tier {0}. Supervised by {1}: {2}", [
					frm.doc.tier,
					frappe.utils.escape_html(frm.doc.supervisor_name || frm.doc.supervisor),
					frappe.utils.escape_html(frm.doc.supervision_basis || ""),
				]),
				"blue"
			);
		}
	},
	awaits_filing(frm) {
		const must_file = frm.doctype === "Social Media Account" || frm.doc.filing_required;
		return frm.doc.status === "Active" && !frm.doc.filing_number && must_file;
	},
	open_application(frm) {
		frappe.db
			.get_value("Opening Application", { platform_record: frm.doc.name, docstatus: 0 }, "name")
			.then(({ message }) => {
				if (message && message.name) {
					frappe.set_route("Form", "Opening Application", message.name);
				} else {
					frappe.new_doc("Opening Application", {
						platform_doctype: frm.doctype,
						platform_record: frm.doc.name,
					});
				}
			});
	},
	// S4, H7.1: an account administrator registers a draft for the units of the platforms they
	// run, as one of its administrators; the form says so and offers only those units.
	prepare_new(frm) {
		frappe
			.xcall("socialmedia_governance.registry.register.registration_context", {
				doctype: frm.doctype,
			})
			.then((context) => {
				frm.__registration = context;
				if (!context.administrator_only || !frm.is_new()) return;
				if (!context.units.length) {
					frm.set_intro(context.who, "red");
					return;
				}
				const me = frappe.session.user;
				if (!(frm.doc.administrators || []).some((row) => row.user === me)) {
					frm.add_child("administrators", { user: me });
					frm.refresh_field("administrators");
				}
				if (!frm.doc.owner_unit && context.units.length === 1) {
					frm.set_value("owner_unit", context.units[0]);
				}
				frm.set_intro(
					__(
						"You register a draft for your unit. It opens after its opening application is approved by the unit and the Propaganda Department."
					),
					"blue"
				);
			});
	},
};
