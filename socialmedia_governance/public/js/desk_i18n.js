// Desk-wide reading fixes of the app (hooks.app_include_js), applied to every DocType and report
// rather than remembered one by one.
(() => {
	// 1. A Select value in the words of its DocType. Frappe v15 translates Select options with the
	// DocType as context in a form's dropdown only; where the value is merely shown (list columns
	// and indicators, read-only fields, report view) it is translated without context. zh.csv rows
	// with a context (third column, e.g. "Closed,已注销,Social Media Account") then apply everywhere,
	// so a closed account reads 已注销 while a finished ToDo reads 已关闭.
	frappe.form.formatters.Select = function (value, df) {
		return __(frappe.form.formatters.Data(value, df), null, df && df.parent);
	};
	const get_indicator = frappe.get_indicator;
	frappe.get_indicator = function (doc, doctype, show_workflow_state) {
		const indicator = get_indicator.apply(this, arguments);
		const context = doctype || doc.doctype;
		if (indicator && doc.status && context && indicator[0] === __(doc.status)) {
			indicator[0] = __(doc.status, null, context);
		}
		return indicator;
	};

	// 2. One alert once: a form refreshed twice would say "This form is not editable due to a
	// Workflow." twice, stacking toasts that cover a phone's screen.
	const show_alert = frappe.show_alert;
	const recent = new Map();
	frappe.show_alert = function (message) {
		const key = typeof message === "string" ? message : message && message.message;
		const last = key && recent.get(key);
		if (last && Date.now() - last.at < 5000) return last.alert;
		const alert = show_alert.apply(this, arguments);
		if (key) recent.set(key, { at: Date.now(), alert });
		return alert;
	};

	// 3. The total row of every query report: Frappe writes the word "Total" without translating it.
	const with_translated_total = (settings) => {
		if (!settings || typeof settings !== "object" || settings.__smg_total) return settings;
		const own = settings.formatter;
		settings.formatter = function (value, row, column, data, default_formatter, filter) {
			const html = own
				? own.call(this, value, row, column, data, default_formatter, filter)
				: default_formatter(value, row, column, data);
			return !data && html === "Total" ? __("Total") : html;
		};
		settings.__smg_total = true;
		return settings;
	};
	frappe.provide("frappe.query_reports");
	for (const name of Object.keys(frappe.query_reports)) with_translated_total(frappe.query_reports[name]);
	frappe.query_reports = new Proxy(frappe.query_reports, {
		set(target, name, settings) {
			target[name] = with_translated_total(settings);
			return true;
		},
	});
})();
