// Issue 16: the desk shows what people typed into the app's text fields as text.
// Frappe's formatters put a Data / Small Text / Text / Long Text value into the page as HTML (it
// relies on its sanitiser, which keeps tags such as <img src="x">): a read-only field, a list
// cell or a report cell of the app's DocTypes then showed a broken image instead of the text.
// For fields of the app's DocTypes (found from the boot's module → app map, not listed) the value
// is taken back to what was typed (the sanitiser's &lt; decoded) and escaped once before Frappe's
// own formatter runs, which keeps its work (line breaks, links for URLs).
(() => {
	const APP = "socialmedia_governance";
	const decoder = document.createElement("textarea");
	const typed = (value) => {
		decoder.innerHTML = value; // a textarea decodes entities and parses no tags
		return decoder.value;
	};
	const of_the_app = (df) => {
		const doctype = df && df.parent;
		const meta = doctype && locals.DocType && locals.DocType[doctype];
		return !!(meta && frappe.boot.module_app && frappe.boot.module_app[frappe.scrub(meta.module)] === APP);
	};
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
})();
