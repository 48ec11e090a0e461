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

	// The same in list columns, which Frappe v15 translates without context (and the hover title).
	const ListView = frappe.views && frappe.views.ListView;
	const column_html = ListView && ListView.prototype.get_column_html;
	if (column_html) {
		ListView.prototype.get_column_html = function (col, doc) {
			listing = true;
			let html;
			try {
				html = column_html.call(this, col, doc);
			} finally {
				listing = false;
			}
			const value = col.df && col.df.fieldtype === "Select" && doc[col.df.fieldname];
			if (value && typeof value === "string") {
				const plain = __(value);
				const own = __(value, null, this.doctype);
				const esc = frappe.utils.escape_html;
				if (own !== plain) html = html.split(`> ${plain} <`).join(`> ${own} <`);
				// the hover title shows the stored value ("状态: Open"): show what the pill shows
				if (own !== value) html = html.split(`: ${esc(value)}"`).join(`: ${esc(own)}"`);
			}
			return html;
		};
	}

	// The same in a list's filter fields: Frappe v15 makes them from the DocType's fields without
	// naming the DocType, so a Select's options read without context (a release task's "Pending"
	// offered as 待审批 beside rows that read 待发布). Each Select filter is given its DocType.
	const BaseList = frappe.views && frappe.views.BaseList;
	const setup_filter_area = BaseList && BaseList.prototype.setup_filter_area;
	if (setup_filter_area) {
		BaseList.prototype.setup_filter_area = function () {
			const out = setup_filter_area.apply(this, arguments);
			for (const field of Object.values((this.page && this.page.fields_dict) || {})) {
				const df = field && field.df;
				if (df && df.fieldtype === "Select" && df.is_filter && !df.parent && this.doctype) {
					df.parent = this.doctype;
					field.last_options = null; // set_options redraws only options it has not drawn
					if (field.set_options) field.set_options();
				}
			}
			return out;
		};
	}

	// A page's title tooltip is the DocType's description, which Frappe shows untranslated.
	const Page = frappe.ui.Page;
	const set_title = Page && Page.prototype.set_title;
	if (set_title) {
		Page.prototype.set_title = function (title, icon, strip, tooltip_label, tooltip_text) {
			const args = [...arguments];
			if (typeof tooltip_text === "string" && tooltip_text) args[4] = __(tooltip_text);
			return set_title.apply(this, args);
		};
	}

	// 2. Names that all begin with the school's name ("示范财经学院会计学院学生会微博") are cut by
	// a list's narrow column right after that shared prefix, so every row looks the same: lists show
	// them without it ("…会计学院学生会微博"); the full name stays on hover and in the form.
	let listing = false;
	const shorten = (value) => {
		const prefix = frappe.boot.smg_institution;
		return prefix && typeof value === "string" && value.length > prefix.length + 1 && value.startsWith(prefix)
			? "…" + value.slice(prefix.length)
			: value;
	};
	const data_formatter = frappe.form.formatters.Data;
	frappe.form.formatters.Data = function (value, df) {
		return data_formatter.call(this, listing ? shorten(value) : value, df);
	};
	const subject_text = ListView && ListView.prototype.get_subject_text;
	if (subject_text) {
		ListView.prototype.get_subject_text = function (doc, title) {
			return shorten(subject_text.call(this, doc, title));
		};
	}

	// The list's first column ("Click to sort by {0}"): Frappe names it by its English label.
	const header_html = ListView && ListView.prototype.get_header_html;
	if (header_html) {
		ListView.prototype.get_header_html = function () {
			let html = header_html.apply(this, arguments);
			const df = this.columns && this.columns[0] && this.columns[0].df;
			if (typeof html === "string" && df && df.label) {
				const plain = __("Click to sort by {0}", [df.label]);
				const own = __("Click to sort by {0}", [__(df.label, null, df.parent || this.doctype)]);
				if (own !== plain) html = html.split(`title="${plain}"`).join(`title="${own}"`);
			}
			return html;
		};
	}

	// Words Frappe's libraries write in English, whatever the user's language:
	// Awesomplete's status line of every link and autocomplete field ("Begin typing for results.",
	// "3 results found"), read out to screen readers and part of the page's text ...
	const Awesomplete = window.Awesomplete;
	const status_text = (text) => {
		let m;
		if (text === "Begin typing for results.") return __("Begin typing for results.");
		if (text === "No results found") return __("No results found");
		if ((m = /^Type (\d+) or more characters for results\.$/.exec(text)))
			return __("Type {0} or more characters for results.", [m[1]]);
		if ((m = /^(\d+) results found$/.exec(text))) return __("{0} results found", [m[1]]);
		if ((m = /^([\s\S]*), list item (\d+) of (\d+)$/.exec(text)))
			return __("{0}, list item {1} of {2}", [m[1], m[2], m[3]]);
		return text;
	};
	const proto = Awesomplete && Awesomplete.prototype;
	const list = proto && Object.getOwnPropertyDescriptor(proto, "list");
	if (list && list.set && !proto.__smg_status) {
		proto.__smg_status = true;
		const translate_status = (self) => {
			if (self.status) self.status.textContent = status_text(self.status.textContent);
		};
		// the constructor sets the list last, once the status line exists
		Object.defineProperty(proto, "list", {
			...list,
			set(value) {
				list.set.call(this, value);
				translate_status(this);
			},
		});
		for (const method of ["evaluate", "goto"]) {
			const original = proto[method];
			if (typeof original !== "function") continue;
			proto[method] = function () {
				const out = original.apply(this, arguments);
				translate_status(this);
				return out;
			};
		}
	}
	// ... and frappe-datatable's filter row ("Filter based on {column}") in every report and grid:
	// the desk's copy and the report bundle's own (window.DataTable, set when a report opens).
	const with_filter_title = (DataTable) => {
		const init = DataTable && DataTable.prototype && DataTable.prototype.initializeComponents;
		if (!init || init.__smg_filter) return;
		DataTable.prototype.initializeComponents = function () {
			const out = init.apply(this, arguments);
			const rows = this.rowmanager && Object.getPrototypeOf(this.rowmanager);
			const filter_input = rows && rows.getFilterInput;
			if (filter_input && !filter_input.__smg_filter) {
				rows.getFilterInput = function (props) {
					const html = filter_input.call(this, props);
					const name = (props && props.name) || "Index";
					const title = frappe.utils.escape_html(__("Filter based on {0}", [__(name)]));
					return html.replace(/title="Filter based on [^"]*"/, `title="${title}"`);
				};
				rows.getFilterInput.__smg_filter = true;
			}
			return out;
		};
		DataTable.prototype.initializeComponents.__smg_filter = true;
	};
	with_filter_title(frappe.DataTable);
	let report_datatable = window.DataTable;
	with_filter_title(report_datatable);
	Object.defineProperty(window, "DataTable", {
		configurable: true,
		get: () => report_datatable,
		set(value) {
			report_datatable = value;
			with_filter_title(value);
		},
	});

	// A link to a DocType ("Release Task" as a post's source) shows the DocType's name: Frappe
	// translates it only in the link it makes for those who may read DocTypes, and shows everyone
	// else the stored English name.
	const link_formatter = frappe.form.formatters.Link;
	frappe.form.formatters.Link = function (value, df, options) {
		const target = df && (df._options || df.options);
		if (target === "DocType" && typeof value === "string" && value && !frappe.model.can_read("DocType")) {
			return frappe.utils.escape_html(__(value));
		}
		return link_formatter.apply(this, arguments);
	};

	// 3. One alert once: a form refreshed twice would say "This form is not editable due to a
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

	// 6. The activity log: Frappe shows a change's values as stored ("由 Supervisor 改为 Youth
	// League") and a child row's field by its English label. Values of Select fields are read in
	// their DocType's words, and field labels are translated wherever the desk asks for them.
	const get_label = frappe.meta.get_label;
	frappe.meta.get_label = function (dt, fn, dn) {
		return __(get_label.call(this, dt, fn, dn), null, dt);
	};
	const select_value = (doctype, fieldname, value) => {
		const df = doctype && frappe.meta.get_docfield(doctype, fieldname);
		return df && df.fieldtype === "Select" && typeof value === "string" && value
			? __(value, null, doctype)
			: value;
	};
	// Also: an empty value read "null", a list of people (one per line) ran together
	// ("a@x.cnb@x.cn": stored one per line or <br>), and a child row was numbered from 0 ("第 0 行") where the form says 1.
	const shown_value = (doctype, fieldname, value) => {
		if (value === null || value === undefined || value === "") return __("(empty)");
		const lines = /\n|<br\s*\/?>/i;
		if (typeof value === "string" && lines.test(value)) {
			return value
				.split(lines)
				.filter((v) => v.trim())
				.join(", ");
		}
		return select_value(doctype, fieldname, value);
	};
	const readable_version = (version, frm) => {
		let data;
		try {
			data = JSON.parse(version.data || "{}");
		} catch (e) {
			return version;
		}
		for (const change of data.changed || []) {
			change[1] = shown_value(frm.doctype, change[0], change[1]);
			change[2] = shown_value(frm.doctype, change[0], change[2]);
		}
		for (const row of data.row_changed || []) {
			const grid = frm.fields_dict[row[0]] && frm.fields_dict[row[0]].grid;
			if (typeof row[1] === "number") row[1] += 1; // Frappe's diff counts rows from 0
			for (const change of row[3] || []) {
				change[1] = shown_value(grid && grid.doctype, change[0], change[1]);
				change[2] = shown_value(grid && grid.doctype, change[0], change[2]);
			}
		}
		return { ...version, data: JSON.stringify(data) };
	};
	const patch_timeline = (timeline) => {
		const proto = timeline && Object.getPrototypeOf(timeline);
		if (!proto || proto.__smg_readable || !proto.get_version_timeline_contents) return;
		proto.__smg_readable = true;
		const contents = proto.get_version_timeline_contents;
		proto.get_version_timeline_contents = function () {
			const versions = this.doc_info && this.doc_info.versions;
			if (!versions) return contents.call(this);
			this.doc_info.versions = versions.map((v) => readable_version(v, this.frm));
			try {
				return contents.call(this);
			} finally {
				this.doc_info.versions = versions;
			}
		};
	};
	const Footer = frappe.ui.form.Footer;
	const make_timeline = Footer && Footer.prototype.make_timeline;
	if (make_timeline) {
		Footer.prototype.make_timeline = function () {
			const out = make_timeline.apply(this, arguments);
			patch_timeline(this.frm.timeline);
			return out;
		};
	}
	const form_refresh = frappe.ui.form.Form && frappe.ui.form.Form.prototype.refresh;
	if (form_refresh) {
		frappe.ui.form.Form.prototype.refresh = function () {
			patch_timeline(this.timeline);
			return form_refresh.apply(this, arguments);
		};
	}

	// 5. Chart axes: Frappe shortens 100 to "100.00" (any three-digit count); whole numbers stay whole.
	const axis_number = frappe.utils.format_chart_axis_number;
	frappe.utils.format_chart_axis_number = function (label, country) {
		const n = Number(label);
		return Number.isInteger(n) && Math.abs(n) < 1000 ? String(n) : axis_number.call(this, label, country);
	};

	// 4. The total row of every query report: Frappe writes the word "Total" without translating it,
	// and a column whose total is disabled (`disable_total`, e.g. a rate: a sum or mean of the
	// units' rates is not the overall rate) gets "", which a Percent column formats as "0%": blank.
	const with_translated_total = (settings) => {
		if (!settings || typeof settings !== "object" || settings.__smg_total) return settings;
		const own = settings.formatter;
		settings.formatter = function (value, row, column, data, default_formatter, filter) {
			if (!data && column && column.disable_total) return "";
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
