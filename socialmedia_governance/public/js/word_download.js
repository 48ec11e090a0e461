// Word (.docx) downloads of the official forms (H7.1 "PDF and Word"), loaded on every desk page
// (hooks.app_include_js). Which doctypes have which forms comes from the server registry
// (socialmedia_governance/documents/forms.py), so a new form needs no change here.
(() => {
	let forms_by_doctype = null;

	function load_forms() {
		if (!forms_by_doctype) {
			forms_by_doctype = frappe
				.call("socialmedia_governance.documents.word.get_forms")
				.then((r) => r.message || {});
		}
		return forms_by_doctype;
	}

	function add_buttons(frm, forms) {
		for (const form of forms) {
			frm.add_custom_button(
				__(form),
				() => {
					const args = new URLSearchParams({ doctype: frm.doctype, name: frm.doc.name, form });
					window.open(
						"/api/method/socialmedia_governance.documents.word.download?" + args.toString()
					);
				},
				__("Word")
			);
		}
	}

	$(document).on("form-refresh", (_event, frm) => {
		if (!frm || !frm.doc || frm.is_new()) return;
		load_forms().then((all) => {
			const forms = all[frm.doctype];
			if (forms && forms.length) add_buttons(frm, forms);
		});
	});
})();
