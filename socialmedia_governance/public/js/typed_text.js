// Issue 16: the desk shows what people typed into the app's text fields as text.
// Frappe's formatters put a Data / Small Text / Text / Long Text value into the page as HTML (it
// relies on its sanitiser, which keeps tags such as <img src="x">): a read-only field, a list
// cell or a report cell of the app's DocTypes then showed a broken image instead of the text.
// For fields of the app's DocTypes (found from the boot's module → app map, not listed) the value
// is taken back to what was typed (the sanitiser's &lt; decoded) and escaped once before Frappe's
// own formatter runs, which keeps its work (line breaks, links for URLs). The same for every cell of
// the app's Script and Query Reports, and for a form's title.
(() => {
	const APP = "socialmedia_governance";
	const decoder = document.createElement("textarea");
	const typed = (value) => {
		decoder.innerHTML = value; // a textarea decodes entities and parses no tags
		return decoder.value;
	};
	const module_of_the_app = (module) =>
		!!(module && frappe.boot.module_app && frappe.boot.module_app[frappe.scrub(module)] === APP);
	const doctype_of_the_app = (doctype) => {
		const meta = doctype && locals.DocType && locals.DocType[doctype];
		return !!(meta && module_of_the_app(meta.module));
	};
	// A report's column has no parent DocType: a cell of a Script or Query Report of the app (the
	// report open on the screen belongs to one of the app's modules) is the app's too, whatever
	// report is added next year.
	const report_of_the_app = () => {
		const report = frappe.query_report;
		const route = frappe.get_route ? frappe.get_route() : [];
		return !!(
			report &&
			report.report_doc &&
			route[0] === "query-report" &&
			route[1] === report.report_name &&
			module_of_the_app(report.report_doc.module)
		);
	};
	const of_the_app = (df) => (df && df.parent ? doctype_of_the_app(df.parent) : !!df && report_of_the_app());
	// Text calls Data, SmallText calls Text: only the outermost call escapes (once)
	let depth = 0;
	for (const type of ["Data", "SmallText", "Text", "LongText"]) {
		const original = frappe.form.formatters[type];
		if (!original || original.__smg_typed) continue;
		const wrapped = function (value, df, ...rest) {
			if (depth === 0 && typeof value === "string" && value && of_the_app(df)) {
				value = frappe.utils.escape_html(typed(value));
			}
			depth++;
			try {
				return original.call(this, value, df, ...rest);
			} finally {
				depth--;
			}
		};
		wrapped.__smg_typed = true;
		frappe.form.formatters[type] = wrapped;
	}

	// The form's title: Frappe strips tags from the title field's value and writes the rest into the
	// page as HTML, so a name typed as 'HO-<img src="x">号' read "HO-号" in the title and the browser
	// tab. For the app's DocTypes the title is what was typed, as text.
	const Toolbar = frappe.ui.form && frappe.ui.form.Toolbar;
	const set_title = Toolbar && Toolbar.prototype.set_title;
	if (set_title && !set_title.__smg_typed) {
		Toolbar.prototype.set_title = function () {
			const out = set_title.apply(this, arguments);
			const frm = this.frm;
			const field = frm && frm.meta && frm.meta.title_field;
			const value = field && !frm.is_new() && frm.doc[field];
			if (typeof value === "string" && /[<>]/.test(typed(value)) && doctype_of_the_app(frm.doctype)) {
				const title = typed(value).trim();
				this.page.title = title;
				this.page.$title_area.find(".title-text").text(title).attr("title", title);
				frappe.utils.set_title(`${title} - ${frm.docname}`);
				if (title !== frm.docname) this.page.set_title_sub(frappe.utils.escape_html(frm.docname));
			}
			return out;
		};
		Toolbar.prototype.set_title.__smg_typed = true;
	}
})();
