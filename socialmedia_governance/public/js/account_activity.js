// Activity of an account on its form (issue 19): state against the red line, facts, feed health
// and a year of posts per day as a heatmap (Frappe Charts). Everything shown is escaped.
frappe.ui.form.on("Social Media Account", {
	refresh(frm) {
		if (frm.is_new()) return;
		// A first save refreshes the form twice before the first answer comes back: only the answer
		// to the latest refresh draws the section (it was shown twice).
		const asked = (frm.__smg_activity_asked = (frm.__smg_activity_asked || 0) + 1);
		frappe
			.call("socialmedia_governance.monitoring.api.account_activity", { account: frm.doc.name })
			.then((r) => r.message && asked === frm.__smg_activity_asked && smg_show_activity(frm, r.message));
	},
});

// Frappe Charts draws a heatmap's words in English (month and day names, "Less"/"More", the
// tooltip's "on Dec 2025, 01"): they are read in the user's language, after every drawing.
const SMG_HEATMAP_WORDS = [
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Mon", "Wed", "Fri", "Less", "More",
];
function smg_localise_heatmap(chart, target) {
	const words = new Map();
	for (const word of SMG_HEATMAP_WORDS) {
		words.set(word, __(word, null, "Heatmap"));
		words.set(word.toUpperCase(), __(word, null, "Heatmap"));
	}
	const localise = () => {
		for (const text of target.querySelectorAll("svg text")) {
			const word = text.textContent.trim();
			if (words.has(word)) text.textContent = words.get(word);
		}
	};
	for (const method of ["draw", "renderLegend"]) {
		const original = chart[method] && chart[method].bind(chart);
		if (!original) continue;
		chart[method] = (...args) => {
			const out = original(...args);
			localise();
			return out;
		};
	}
	const tip = chart.tip;
	const set_values = tip && tip.setValues && tip.setValues.bind(tip);
	if (set_values) {
		tip.setValues = (x, y, title, list) => {
			// Frappe Charts' name is " on Dec 2025, 01": the day in the user's date format
			const m = title && /on (\w{3}) (\d{4}), (\d{1,2})/.exec(title.name || "");
			const month = m && SMG_HEATMAP_WORDS.indexOf(m[1]) + 1;
			if (month) {
				const day = `${m[2]}-${String(month).padStart(2, "0")}-${m[3].padStart(2, "0")}`;
				title = { ...title, name: ` ${frappe.datetime.str_to_user(day)}` };
			}
			return set_values(x, y, title, list);
		};
	}
	localise();
}

function smg_show_activity(frm, a) {
	const esc = frappe.utils.escape_html;
	const colour = { Publishing: "green", "Going Quiet": "orange", Dormant: "red", Unknown: "gray" }[a.activity_state] || "gray";
	const n = (v) => (v === null || v === undefined ? "–" : esc(String(v)));
	const when = (v) => (v ? esc(frappe.datetime.str_to_user(v)) : "–");
	const facts = [
		[__("Last Post"), when(a.last_post_at)],
		[__("Days Silent"), n(a.activity_state === "Unknown" ? null : a.days_silent)],
		[__("Days Before the Red Line"), n(a.activity_state === "Unknown" ? null : a.days_left)],
		[__("Posts in 7 Days"), n(a.posts_7)],
		[__("Posts in 30 Days"), n(a.posts_30)],
		[__("Posts in 90 Days"), n(a.posts_90)],
		[__("Longest Gap in the Last Year (Days)"), n(a.longest_gap_days)],
		[__("Red Line (Days)"), n(a.red_line_days)],
	];
	const html = `
		<div class="smg-activity">
			<div class="mb-2">
				<span class="indicator-pill ${colour}">${esc(a.state_label)}</span>
				<span class="text-muted ml-2">${esc(__("Feed Health"))}: ${esc(a.feed_state_label)} · ${esc(a.feed_note)}</span>
			</div>
			<div class="row">${facts
				.map(([label, value]) => `<div class="col-sm-3 mb-2"><div class="text-muted small">${esc(label)}</div><div class="bold">${value}</div></div>`)
				.join("")}</div>
			<div class="smg-heatmap"></div>
		</div>`;
	frm.dashboard.parent.find(".smg-activity-section").remove();
	frm.dashboard.add_section(html, __("Activity State"), "custom smg-activity-section");
	frm.dashboard.show(); // the heatmap measures its container: draw it once the section is shown
	const target = frm.$wrapper.find(".smg-heatmap").get(0);
	if (target) {
		const chart = new frappe.Chart(target, {
			type: "heatmap",
			title: __("Posts in the Last Year"),
			countLabel: __("Posts"),
			discreteDomains: 1,
			data: {
				dataPoints: a.heatmap,
				start: frappe.datetime.str_to_obj(a.heatmap_start),
				end: new Date(),
			},
		});
		smg_localise_heatmap(chart, target);
	}
	frm.add_custom_button(
		__("Posts"),
		() => frappe.set_route("List", "Published Post", { account: frm.doc.name }),
		__("Monitoring")
	);
	if (a.can_set_feed) {
		frm.add_custom_button(
			__("Feed URL"),
			() => {
				frappe.prompt(
					{
						fieldname: "feed_url",
						fieldtype: "Data",
						label: __("Feed URL"),
						default: a.feed_url || "",
						description: __("Leave empty to use the feed service's route for the platform (Monitoring Settings)."),
					},
					(values) =>
						frappe
							.call({
								method: "socialmedia_governance.monitoring.api.set_feed_url",
								args: { account: frm.doc.name, feed_url: values.feed_url || "" },
							})
							.then(() => frm.reload_doc()),
					__("Feed URL"),
					__("Save")
				);
			},
			__("Monitoring")
		);
	}
}
