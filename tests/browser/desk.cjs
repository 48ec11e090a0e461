// The desk in a real browser (issues 9, 14, 15): Debian's Chromium driven by playwright-core, in
// Chinese, on the demo university (users and records from
// socialmedia_governance.setup.checks.browser_fixture).
//
// Role journeys — each role's everyday work from login, with clicks and typing only:
//   账号管理员  registers an account and applies for it, edits a filed account's purpose, reports a
//              change, confirms a password rotation;
//   学院负责人  approves an application from his notification, exports his ledger, edits a filed
//              account;
//   辅导员      files a class group, consents to a group's rename, sees only her part of the tree;
//   群主        renames a group;
//   宣传部      approves an application, prints it, records an incident, starts a coordinated
//              release, opens every report;
//   学院负责人  then finds his college's tasks of that release and their progress;
//   审计        reads without being offered any writing.
// A journey fails on a server error dialog or any red message, a console error, an uncaught page
// error, an HTTP 5xx, and any known English (or wrong Chinese) string on the screen.
//
// The desk sweep — derived at run time by the fixture from the site's metadata: as every demo user,
// the app's workspaces (with their shortcuts' and links' targets), the list and one form of every
// DocType of the app the user may read, every report and every print format of the app the user may
// use; fails on a server error, a red message, a console error or a page error.
//
// Nothing waits for a fixed time: every step waits for what the desk does (the request it makes
// and its answer, the form's state, the route).
//
// Usage: node tests/browser/desk.cjs BASE_URL FIXTURE_JSON ARTEFACT_DIR
//   FIXTURE_JSON: the fixture's JSON (or a file holding it); ARTEFACT_DIR: where screenshots go
//   (the last screen of each journey, every open page of a failed step).
// Prints "browser-tests: N passed, M failed" last and exits non-zero on a failure.
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const [base, fixtureArg, artefacts] = process.argv.slice(2);
if (!base || !fixtureArg || !artefacts) {
	console.log("usage: node tests/browser/desk.cjs BASE_URL FIXTURE_JSON ARTEFACT_DIR");
	console.log("browser-tests: 0 passed, 1 failed (usage)");
	process.exit(2);
}
const fx = JSON.parse(fixtureArg.trim().startsWith("{") ? fixtureArg : fs.readFileSync(fixtureArg, "utf8"));
fs.mkdirSync(artefacts, { recursive: true });
const WAIT = 45000; // the longest any single desk step may take on a busy machine
const SCREEN = { width: 1400, height: 900 };

// Strings that must never reach a user of this app (issue 15 §9, issue 14 §9): Frappe's or the
// app's English, and wrong Chinese.
const KNOWN_BAD = [
	"This form is not editable",
	"Not allowed",
	"Not permitted",
	"Server Error",
	"Invalid wkhtmltopdf version",
	"changed the value of",
	"Accounts by Tier",
	"Accounts by Platform",
	"Annual Review Status",
	"Pending Report",
	"Secondary College",
	"Student Organisation",
	"Please review",
	"You need the",
	"Traceback",
	"Head of the owning unit",
	"Jump to field",
	"Hide Saved", // every list's sidebar (Frappe's zh has no translation)
	"Show Saved",
	/\bTotal\b/,
	/\bReviewed\b/,
	/\bRest\b/,
	/\d+\s*米/, // "15米": minutes translated as metres
	"跳到现场",
	/明确$/m, // "Clear" (an attachment's button, a filter's) as Frappe's zh gives it
	"没有显示", // "Nothing to show" (an empty report) as Frappe's zh gives it: "not displayed"
	/\S+@\S+\s*(创建|最后修改)了此记录/, // a form's creator or last editor by login, not by name
	"锶",
];

// ------------------------------------------------------------------------------------ results
const results = [];
let current = null; // the running step: problems seen by the page watchers go to it
const pages = new Set();

function problem(text, bucket = current) {
	if (bucket) bucket.problems.push(text);
	else console.log(`     (between steps) ${text}`);
}

// The exception a server's error answer names (last line of its traceback).
function lastLine(text) {
	const lines = String(text || "")
		.split("\n")
		.map((l) => l.trim())
		.filter(Boolean);
	return (lines.pop() || "").slice(0, 300);
}

// A promise made before the action it waits for: if the action fails first, nobody awaits it, so
// its rejection must not end the run (it still rejects for whoever awaits it).
function pending(promise) {
	promise.catch(() => {});
	return promise;
}

async function check(name, fn, { shot } = {}) {
	current = { name, problems: [] };
	let error = null;
	try {
		await fn();
	} catch (err) {
		error = err;
	}
	for (const page of pages) await idle(page).catch(() => {});
	const step = current;
	current = null;
	if (error) step.problems.unshift(error.message.split("\n")[0]);
	const ok = step.problems.length === 0;
	results.push([name, ok]);
	if (ok) {
		console.log(`ok   ${name}`);
	} else {
		console.log(`FAIL ${name}`);
		for (const p of [...new Set(step.problems)].slice(0, 12)) console.log(`     - ${p}`);
		let i = 0;
		for (const page of pages) {
			const file = path.join(artefacts, `fail-${results.length}-${++i}.png`);
			await page.screenshot({ path: file }).catch(() => {});
			console.log(`     screenshot: ${file}`);
			console.log(`     screen: ${await screenState(page)}`);
		}
	}
	if (shot) await shot.page.screenshot({ path: path.join(artefacts, `${shot.name}.png`) }).catch(() => {});
	return ok;
}

function short(url) {
	const u = new URL(url);
	return decodeURIComponent(u.pathname) + (u.search.length > 80 ? u.search.slice(0, 80) + "…" : u.search);
}

function badStrings(text) {
	const found = [];
	for (const bad of KNOWN_BAD) {
		const m = typeof bad === "string" ? (text.includes(bad) ? bad : null) : (text.match(bad) || [null])[0];
		if (m) found.push(m);
	}
	return found;
}

// ------------------------------------------------------------------------------------ watchers
// Every page reports console errors, uncaught errors, HTTP 5xx, failed asset loads, and every
// message dialog and alert the desk shows (with its colour) to the running step.
async function watch(context, label) {
	await context.exposeBinding("__smgShown", ({ page }, kind, title, text, red) => {
		const what = `${kind} "${(title + " " + text).replace(/\s+/g, " ").trim().slice(0, 200)}"`;
		if (red || /服务器错误|Server Error/.test(title)) problem(`${label}: red ${what}`);
		for (const bad of badStrings(`${title}\n${text}`)) problem(`${label}: "${bad}" in ${what}`);
	});
	await context.addInitScript(() => {
		const scan = () => {
			for (const modal of document.querySelectorAll(".modal.show")) {
				if (!modal.classList.contains("msgprint-dialog") && !modal.querySelector(".msgprint")) continue;
				const title = (modal.querySelector(".modal-title") || {}).innerText || "";
				const text = (modal.querySelector(".modal-body") || {}).innerText || "";
				const key = title + "\n" + text;
				if (modal.dataset.smgSeen === key) continue;
				modal.dataset.smgSeen = key;
				const red = !!modal.querySelector(".modal-header .indicator.red, .indicator-pill.red");
				window.__smgShown("message", title, text, red);
				// judged: closed, so that the journey goes on and finds what else is wrong
				if (red || /服务器错误|Server Error/.test(title)) {
					const close = modal.querySelector(".btn-modal-close");
					if (close) setTimeout(() => close.click(), 0);
				}
			}
			for (const alert of document.querySelectorAll("#alert-container .desk-alert")) {
				const text = alert.innerText || "";
				if (alert.dataset.smgSeen === text) continue;
				alert.dataset.smgSeen = text;
				window.__smgShown("alert", "", text, alert.classList.contains("red"));
			}
		};
		new MutationObserver(scan).observe(document, {
			childList: true,
			subtree: true,
			attributes: true,
			attributeFilter: ["class"],
		});
	});
	context.on("page", (page) => {
		pages.add(page);
		// conditions are polled every 100 ms rather than on animation frames, which a page in the
		// background does not get
		const waitForFunction = page.waitForFunction.bind(page);
		page.waitForFunction = (fn, arg, options = {}) =>
			waitForFunction(fn, arg, { timeout: WAIT, ...options, polling: 100 });
		page.on("close", () => pages.delete(page));
		page.on("console", (msg) => {
			if (msg.type() !== "error") return;
			let text = msg.text();
			if (text.includes("Traceback")) text = `server traceback: ${lastLine(text)}`;
			// HTTP statuses are judged from the responses below (a refused validation is a 417 the
			// desk shows as a message); the test server runs no socket.io (realtime is optional)
			if (/^Failed to load resource: the server responded with a status of/.test(text)) return;
			if (/socket\.io/.test(text) || /socket\.io/.test((msg.location() || {}).url || "")) return;
			problem(`${label}: console error: ${text.slice(0, 300)}`);
		});
		page.on("pageerror", (err) => {
			const frame = (err.stack || "").split("\n").find((l) => /^\s+at /.test(l)) || "";
			problem(`${label}: page error: ${err.message.split("\n")[0]} ${frame.trim().replace(base, "")}`);
		});
		page.on("response", (r) => {
			const status = r.status();
			const bucket = current;
			if (status >= 500)
				r.json().then(
					(body) =>
						problem(`${label}: HTTP ${status} ${short(r.url())}: ${lastLine(body.exception || body.exc)}`, bucket),
					() => problem(`${label}: HTTP ${status} ${short(r.url())}`, bucket),
				);
			else if (status === 404 && /\/(assets|files)\//.test(r.url())) problem(`${label}: HTTP 404 ${short(r.url())}`);
		});
	});
}

// ------------------------------------------------------------------------------------ desk steps
// The workspace is drawn (its editor has rendered the blocks; each shortcut, card, chart and number
// card asks for its figures as it is drawn) and those requests are answered.
async function workspaceReady(page) {
	await page.waitForFunction(
		() =>
			window.frappe &&
			frappe.workspace &&
			frappe.workspace.editor &&
			frappe.get_route()[0] === "Workspaces" &&
			!document.querySelector(".workspace-skeleton"),
		null,
		{ timeout: WAIT },
	);
	await page.evaluate(async () => {
		await frappe.workspace.editor.isReady;
		// the widgets ask for their figures as they are drawn: let the drawing task finish
		await new Promise((resolve) => setTimeout(resolve, 0));
	});
	await idle(page);
	// every chart has drawn (frappe-charts made its container) or says it has no data: leaving the
	// page while a chart is still being drawn makes frappe-charts draw into a detached node
	await page.waitForFunction(
		() =>
			[...document.querySelectorAll(".widget.dashboard-widget-box")].every((w) => {
				const states = w.querySelectorAll(".chart-loading-state");
				const empty = states[1];
				return w.querySelector(".chart-container") || (empty && empty.offsetParent !== null);
			}),
		null,
		{ timeout: WAIT },
	);
}

// Click the workspace's link whose address ends in `tail` (in the page, as the link is found:
// the workspace may redraw its blocks while it settles).
async function clickWorkspaceLink(page, tail) {
	await page.waitForFunction(
		(t) => {
			const link = [
				...document.querySelectorAll(".page-container:not([style*='display: none']) #editorjs a[href]"),
			].find((a) => {
				try {
					return decodeURIComponent(a.getAttribute("href").split("?")[0]).endsWith(t);
				} catch (e) {
					return false;
				}
			});
			if (link) link.click();
			return !!link;
		},
		tail,
		{ timeout: WAIT },
	);
}

// The desk has no request in flight (frappe counts its own ajax calls).
async function idle(page) {
	await page.waitForFunction(() => !window.frappe || !frappe.request || frappe.request.ajax_count === 0, null, {
		timeout: WAIT,
	});
}

function posted(r) {
	const data = r.request().postData() || "";
	let text = r.url();
	try {
		text += "\n" + decodeURIComponent(data.replace(/\+/g, " "));
	} catch (e) {
		text += "\n" + data;
	}
	try {
		text = decodeURIComponent(text.replace(/\+/g, " "));
	} catch (e) {}
	return text;
}

// A response of the whitelisted method, whose request mentions `needle` (if given).
function answer(page, method, needle, timeout = WAIT) {
	return pending(
		page.waitForResponse(
			(r) => r.url().includes(`/api/method/${method}`) && (needle === undefined || posted(r).includes(needle)),
			{ timeout },
		),
	);
}

function serverMessage(body) {
	try {
		const msgs = JSON.parse(body._server_messages || "[]").map((m) => JSON.parse(m).message);
		return (msgs.join(" ") || body.exception || body.exc_type || "").replace(/<[^>]+>/g, "").slice(0, 300);
	} catch (e) {
		return String(body.exception || "").slice(0, 300);
	}
}

async function ensureOk(response, what) {
	if (response.ok()) return response.json().catch(() => ({}));
	const body = await response.json().catch(() => ({}));
	throw new Error(`${what}: the server answered ${response.status()}: ${serverMessage(body)}`);
}

async function login(browser, user, label) {
	const context = await browser.newContext({ viewport: SCREEN, locale: "zh-CN", acceptDownloads: true });
	await watch(context, label);
	const page = await context.newPage();
	try {
		await page.goto(`${base}/login`);
		await page.fill("#login_email", user);
		await page.fill("#login_password", fx.password);
		const landed = answer(page, "frappe.desk.desktop.get_desktop_page");
		await page.click(".btn-login");
		await page.waitForURL(/\/app(\/|$)/, { timeout: WAIT });
		await ensureOk(await landed, "the workspace");
		await workspaceReady(page);
	} catch (err) {
		await page.screenshot({ path: path.join(artefacts, `fail-login-${user}.png`) }).catch(() => {});
		await context.close();
		throw err;
	}
	return { context, page, user, label };
}

// A journey's first check: `label` logs in as `user` and sees the workspace (unless `workspace` is
// false). The session, or null when the login itself failed: a session whose workspace looked wrong
// goes on, so that the journey's other checks still run.
async function startJourney(browser, user, label, options = {}) {
	const { title = `${label} logs in to the workspace`, workspace = true } = options;
	let s = null;
	await check(title, async () => {
		s = await login(browser, user, label);
		if (workspace) await looks(s.page, "workspace");
	});
	return s;
}

// Go to a desk route as the desk's own links do (no reload), and wait for the answer it asks for.
async function route(page, segments, waitFor) {
	const waiting = waitFor ? waitFor() : null;
	await page.evaluate((r) => {
		frappe.set_route(r);
	}, segments);
	const response = waiting ? await waiting : null;
	await idle(page);
	return response;
}

async function openForm(page, doctype, name) {
	await page.evaluate(([dt, dn]) => frappe.model.remove_from_locals(dt, dn), [doctype, name]);
	const r = await route(page, [slug(doctype), name], () => answer(page, "frappe.desk.form.load.getdoc", name));
	await ensureOk(r, `${doctype} ${name}`);
	await page.waitForFunction(
		([dt, dn]) => window.cur_frm && cur_frm.doctype === dt && cur_frm.docname === dn,
		[doctype, name],
		{
			timeout: WAIT,
		},
	);
	await idle(page);
}

async function openList(page, doctype) {
	const r = await route(page, [slug(doctype)], () => answer(page, "frappe.desk.reportview.get", doctype));
	await ensureOk(r, `list of ${doctype}`);
	await page.waitForSelector(`.page-container[data-page-route="List/${doctype}/List"] .frappe-list`, { timeout: WAIT });
}

// Open `doctype`'s list and click its add button (the first visible primary action); resolves once
// the new form is ready. With `missing`, a list that offers no add button fails with that message.
async function newFromList(page, doctype, missing) {
	await openList(page, doctype);
	const add = page.locator(".page-container:visible .page-head .primary-action:visible");
	if (missing && !(await add.count())) throw new Error(missing);
	const form = pending(
		page.waitForFunction((dt) => window.cur_frm && cur_frm.doctype === dt && cur_frm.is_new(), doctype, {
			timeout: WAIT,
		}),
	);
	await add.first().click({ timeout: WAIT });
	await form;
	await idle(page);
}

// On a platform's saved form: its 开设申请 button opens the opening application, which is given
// `reason`, saved and sent for approval. The screen's text after (looked at as `where`).
async function applyForOpening(page, reason, where) {
	const opened = pending(
		page.waitForFunction(() => window.cur_frm && cur_frm.doctype === "Opening Application", null, {
			timeout: WAIT,
		}),
	);
	await formButton(page, "开设申请");
	await opened;
	await idle(page);
	await type(page, "reason", reason, "textarea");
	await save(page);
	await workflowAction(page, "提交审批");
	return looks(page, where);
}

function slug(name) {
	return name.toLowerCase().replace(/ /g, "-");
}

// The text a user reads on the current screen (with chart labels, which are SVG text).
async function screenText(page) {
	return page.evaluate(() => {
		let text = document.body.innerText;
		for (const svg of document.querySelectorAll(".page-container:not([style*='display: none']) svg")) {
			text += "\n" + svg.textContent;
		}
		return text;
	});
}

// Other English phrases (two words or more) seen on any screen: not judged, listed at the end so
// that they can be translated or added to KNOWN_BAD.
const englishSeen = new Map();
function noteEnglish(text, where) {
	const clean = text.replace(/\S+@\S+|https?:\/\/\S+|[\w.-]+\.(py|js|edu\.cn)\b/g, " ");
	for (const m of clean.matchAll(/[A-Za-z][A-Za-z'’]*(?:[ \t]+[A-Za-z][A-Za-z'’]*)+/g)) {
		const phrase = m[0].trim();
		if (phrase.length < 6 || englishSeen.has(phrase)) continue;
		englishSeen.set(phrase, where);
	}
}

// The screen is in Chinese: no known English or wrong string on it.
async function looks(page, where) {
	const text = await screenText(page);
	for (const bad of badStrings(text)) problem(`${where}: "${bad}" on the screen`);
	noteEnglish(text, where);
	return text;
}

function expectText(text, needle, what) {
	if (!text.includes(needle)) throw new Error(`${what}: "${needle}" not on the page`);
}

// The form's field, as a user finds it (visible, in the current form).
function field(page, fieldname, tag = "input") {
	return page.locator(`.page-container:visible .frappe-control[data-fieldname="${fieldname}"] ${tag}:visible`).first();
}

// Type into a Data/Text field and wait until the form's model holds the value.
async function type(page, fieldname, value, tag = "input") {
	const input = field(page, fieldname, tag);
	await input.click();
	await input.fill(value);
	// leaving the field commits it (number fields take their value only then)
	await input.press("Tab");
	await page.waitForFunction(([f, v]) => window.cur_frm && String(cur_frm.doc[f] ?? "") === v, [fieldname, value], {
		timeout: WAIT,
	});
}

// A Link field: type, then pick the suggestion the desk offers (as a user does); waits until the
// form (or the grid row) holds a value.
async function pick(page, input, text, holds) {
	await input.click();
	const search = answer(page, "frappe.desk.search.search_link", text);
	await input.fill(text);
	await ensureOk(await search, `search for ${text}`);
	const option = page.locator('.awesomplete [role="option"]:visible').filter({ hasText: text }).first();
	await option.waitFor({ state: "visible", timeout: WAIT });
	await option.click();
	if (holds) await page.waitForFunction(holds, null, { timeout: WAIT });
	await idle(page);
}

async function pickField(page, fieldname, text) {
	await pick(page, field(page, fieldname), text, `window.cur_frm && !!cur_frm.doc[${JSON.stringify(fieldname)}]`);
}

// Save (Ctrl+S): waits for the desk's save request and its answer, then for the form to show the
// saved document (its name in the form and the address, nothing unsaved).
async function save(page) {
	const saved = answer(page, "frappe.desk.form.save.savedocs");
	await page.keyboard.press("Control+s");
	const body = await ensureOk(await saved, "save");
	const name = body.docs && body.docs[0] && body.docs[0].name;
	if (!name) throw new Error("save: the answer names no document");
	await page.waitForFunction(
		(n) =>
			window.cur_frm &&
			cur_frm.doc.name === n &&
			!cur_frm.is_new() &&
			!cur_frm.doc.__unsaved &&
			decodeURIComponent(location.pathname).endsWith("/" + n),
		name,
		{ timeout: WAIT },
	);
	await idle(page);
	return name;
}

// Submit with the primary button and confirm, as a user does. A button that does not come says
// what the screen shows instead.
async function submit(page) {
	const saved = answer(page, "frappe.desk.form.save.savedocs");
	const button = page.locator(".page-container:visible .page-head .primary-action:visible").filter({ hasText: "提交" });
	await button.first().waitFor({ state: "visible", timeout: WAIT }).catch(async () => {
		throw new Error(`submit: no 提交 button; ${await screenState(page)}`);
	});
	await button.first().click({ timeout: WAIT });
	const yes = page.locator(".modal.show .btn-primary:visible").filter({ hasText: "是" });
	await yes.first().waitFor({ state: "visible", timeout: WAIT }).catch(async () => {
		throw new Error(`submit: no confirmation; ${await screenState(page)}`);
	});
	await yes.first().click({ timeout: WAIT });
	const body = await ensureOk(await saved, "submit");
	const name = body.docs[0].name;
	await page.waitForFunction((n) => window.cur_frm && cur_frm.doc.name === n && cur_frm.doc.docstatus === 1, name, {
		timeout: WAIT,
	});
	await idle(page);
	return name;
}

// What the screen shows, for a failure's message: the route, the form's state and primary
// button, and the text of every open dialog.
async function screenState(page) {
	return page
		.evaluate(() => {
			const shown = (el) => el && el.offsetParent !== null;
			const primary = [...document.querySelectorAll(".page-head .primary-action")].filter(shown);
			const dialogs = [...document.querySelectorAll(".modal.show")].map((m) => m.innerText.replace(/\s+/g, " ").slice(0, 160));
			const frm = window.cur_frm;
			return JSON.stringify({
				route: frappe.get_route_str(),
				form: frm && { doctype: frm.doctype, name: frm.doc.name, docstatus: frm.doc.docstatus, dirty: !!frm.doc.__unsaved },
				primary: primary.map((b) => b.innerText.trim()),
				dialogs,
			});
		})
		.catch((err) => `(the screen could not be read: ${err.message.split("\n")[0]})`);
}

// A custom button of the form: a button labelled exactly `label`, or an item of a button group
// (opened first, as a user does). Waits for it: forms add their buttons as they refresh.
async function formButton(page, label) {
	const head = ".page-container:visible .page-head";
	const where = await page
		.waitForFunction(
			(l) => {
				const heads = [...document.querySelectorAll(".page-container:not([style*='display: none']) .page-head")];
				for (const h of heads) {
					const buttons = [...h.querySelectorAll(".page-actions button")].filter((b) => b.offsetParent !== null);
					if (buttons.some((b) => b.innerText.trim() === l)) return "button";
					if ([...h.querySelectorAll(".inner-group-button .dropdown-item")].some((a) => a.innerText.trim() === l))
						return "item";
				}
				return false;
			},
			label,
			{ timeout: WAIT },
		)
		.then((h) => h.jsonValue())
		.catch(() => null);
	if (!where) throw new Error(`no button "${label}" on the form`);
	if (where === "button") {
		return page
			.locator(`${head} .page-actions button:visible`)
			.filter({ hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`) })
			.first()
			.click();
	}
	const item = page.locator(`${head} .inner-group-button .dropdown-item`).filter({ hasText: label }).first();
	await item.locator("xpath=ancestor::*[contains(concat(' ', @class, ' '), ' inner-group-button ')][1]/button").click();
	await item.click();
}

// A workflow action from the form's 操作 menu; waits for apply_workflow and the refreshed form.
async function workflowAction(page, action) {
	const applied = answer(page, "frappe.model.workflow.apply_workflow");
	await page.click(".page-container:visible .page-head .actions-btn-group > button", { timeout: WAIT });
	await page.click(`.page-container:visible .page-head .actions-btn-group .dropdown-menu a:has-text("${action}")`, {
		timeout: WAIT,
	});
	// some actions ask for confirmation first: answer it if it comes before the request
	const confirm = page.locator(".modal.show .btn-primary:has-text('是')");
	const first = await Promise.race([
		applied.then(
			() => "applied",
			() => "applied",
		),
		confirm.waitFor({ state: "visible", timeout: WAIT }).then(
			() => "confirm",
			() => "none",
		),
	]);
	if (first === "confirm") await confirm.click();
	const body = await ensureOk(await applied, action);
	const modified = body.message && body.message.modified;
	await page.waitForFunction((m) => window.cur_frm && cur_frm.doc.modified === m, modified, { timeout: WAIT });
	await idle(page);
	return body.message;
}

// Whether a form offers no writing: no save/submit button and no editable field.
async function readOnlyForm(page) {
	return page.evaluate(() => {
		const primary = cur_frm.page.btn_primary;
		const saveShown = primary && primary.is(":visible");
		const editable = [
			...document.querySelectorAll(".page-container:not([style*='display: none']) .form-layout .frappe-control"),
		]
			.filter((c) => c.offsetParent !== null)
			.filter((c) =>
				c.querySelector(
					"input:not([type=checkbox]):not([disabled]):not([readonly]), textarea:not([disabled]):not([readonly]), select:not([disabled])",
				),
			)
			.map((c) => c.dataset.fieldname);
		return { saveShown, editable, readOnly: !saveShown && editable.length === 0 };
	});
}

// ------------------------------------------------------------------------------------ the run
(async () => {
	const started = Date.now();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		args: [
			"--no-sandbox",
			"--disable-gpu",
			"--disable-quic",
			"--no-first-run",
			"--disable-background-networking",
			"--disable-component-update",
			"--disable-sync",
		],
	});
	const u = fx.users;
	try {
		// BROWSER_PARTS=journeys or =sweep runs one part only (while working on it)
		const parts = (process.env.BROWSER_PARTS || "journeys,sweep").split(",");
		// BROWSER_JOURNEYS=auditor,propaganda runs those journeys only
		const only = (process.env.BROWSER_JOURNEYS || "").split(",").filter(Boolean);
		if (parts.includes("journeys"))
			for (const journey of [
				administrator,
				unitHead,
				counsellor,
				groupOwner,
				propaganda,
				unitHeadRelease,
				auditor,
				deskWords,
			]) {
				if (!only.length || only.includes(journey.name)) await journey(browser);
			}
		if (parts.includes("sweep")) await sweep(browser);
	} finally {
		await browser.close();
	}
	if (englishSeen.size) {
		console.log(`English seen on the screens (not judged; ${englishSeen.size} phrases):`);
		for (const [phrase, where] of [...englishSeen].slice(0, 80)) console.log(`     "${phrase}" (${where})`);
	}
	const failed = results.filter(([, ok]) => !ok).length;
	console.log(`(${Math.round((Date.now() - started) / 1000)} s)`);
	console.log(`browser-tests: ${results.length - failed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);

	// ---------------------------------------------------------------- 账号管理员 (kj.media)
	async function administrator(browser) {
		const s = await startJourney(browser, u.media, "账号管理员");
		if (!s) return;
		const { page } = s;
		let account = null;
		await check("账号管理员 registers an account for his college and applies for it", async () => {
			await newFromList(
				page,
				"Social Media Account",
				"the account list offers him no way to register an account (issue 15 §5)",
			);
			await type(page, "account_name", fx.new_account_name);
			await pickField(page, "platform", fx.platform_account);
			await pickField(page, "owner_unit", fx.unit_name);
			await type(page, "purpose", "发布学院团学活动信息", "textarea");
			const grid = page.locator('.page-container:visible .frappe-control[data-fieldname="administrators"]');
			if (!(await page.evaluate(() => (cur_frm.doc.administrators || []).length))) {
				await grid.locator(".grid-add-row").click();
				const row = grid.locator('.grid-body .grid-row[data-idx="1"]');
				await row.locator('.static-area, [data-fieldname="user"]').first().click();
				await pick(page, row.locator('input[data-fieldname="user"]'), u.media, () =>
					(cur_frm.doc.administrators || []).some((r) => r.user),
				);
			}
			account = await save(page);
			let text = await looks(page, "new account");
			expectText(text, fx.new_account_name, "saved account");
			expectText(text, "草稿", "status of a new account");
			// apply: the form's 开设申请 button opens the application for this account
			text = await applyForOpening(page, "发布学院团学活动信息，服务学生", "submitted application");
			expectText(text, "待监管人审批", "state after submitting");
		});
		await check("账号管理员 edits the purpose of a filed account", async () => {
			await editPurpose(page, fx.media_edit_account, `发布学院工作动态、通知公告（管理员修改${fx.suffix}）`);
		});
		await check("账号管理员 reports a change of contact", async () => {
			await newFromList(page, "Change Report");
			await page.selectOption(
				'.page-container:visible select[data-fieldname="platform_doctype"]',
				"Social Media Account",
			);
			await page.waitForFunction(() => cur_frm.doc.platform_doctype === "Social Media Account");
			await pickField(page, "platform_record", fx.change_account_name);
			await page.selectOption('.page-container:visible select[data-fieldname="change_type"]', "Contact");
			await page.waitForFunction(() => cur_frm.doc.change_type === "Contact");
			const date = field(page, "event_date");
			await date.click();
			await date.fill(await page.evaluate(() => frappe.datetime.str_to_user(frappe.datetime.get_today())));
			await page.keyboard.press("Escape");
			await page.waitForFunction(() => !!cur_frm.doc.event_date);
			await type(page, "old_value", "13800000000");
			await type(page, "new_value", "13900000000");
			await save(page);
			const text = await looks(page, "change report");
			expectText(text, fx.change_account_name, "change report");
		});
		await check(
			"账号管理员 confirms the password rotation after a personnel change",
			async () => {
				await openForm(page, "Change Report", fx.rotation_report);
				const confirmed = answer(
					page,
					"socialmedia_governance.filing.doctype.change_report.change_report.confirm_password_rotation",
				);
				await formButton(page, "确认已更换密码");
				await page.click(".modal.show .btn-primary", { timeout: WAIT });
				await ensureOk(await confirmed, "confirm rotation");
				await page.waitForFunction(() => cur_frm.doc.completion_status === "Complete", null, { timeout: WAIT });
				await idle(page);
				const text = await looks(page, "change report after the rotation");
				expectText(text, "已完成", "completion");
			},
			{ shot: { page, name: "journey-account-administrator" } },
		);
		await s.context.close();
	}

	async function editPurpose(page, account, purpose) {
		await openForm(page, "Social Media Account", account);
		const status = await page.evaluate(() => [cur_frm.doc.status, cur_frm.doc.filing_number]);
		if (status[0] !== "Active" || !status[1]) throw new Error(`${account} is not a filed running account (${status})`);
		await type(page, "purpose", purpose, "textarea");
		await save(page);
		const stored = await page.evaluate(() => cur_frm.doc.purpose);
		if (stored !== purpose) throw new Error(`the purpose reads "${stored}" after saving`);
		await looks(page, "edited account");
	}

	// ---------------------------------------------------------------- 学院负责人 (kj.dean)
	async function unitHead(browser) {
		const s = await startJourney(browser, u.dean, "学院负责人");
		if (!s) return;
		const { page } = s;
		await check("学院负责人 approves an application from his notification", async () => {
			await page.click(".navbar .dropdown-notifications:visible .notifications-icon", { timeout: WAIT });
			const item = page
				.locator(`.notifications-list a.notification-item[href$="${fx.head_application}"]:visible`)
				.first();
			await item.waitFor({ state: "visible", timeout: WAIT });
			const loaded = answer(page, "frappe.desk.form.load.getdoc", fx.head_application);
			await item.click();
			await ensureOk(await loaded, "the application");
			await page.waitForFunction((n) => window.cur_frm && cur_frm.docname === n, fx.head_application, {
				timeout: WAIT,
			});
			await idle(page);
			let text = await looks(page, "application");
			expectText(text, "待监管人审批", "state");
			await workflowAction(page, "批准");
			text = await looks(page, "approved application");
			expectText(text, "待宣传部审批", "state after his approval");
		});
		await check("学院负责人 exports his college's ledger", async () => {
			await openList(page, "Social Media Account");
			const popup = pending(s.context.waitForEvent("page", { timeout: WAIT }));
			const download = pending(
				Promise.race([
					popup.then((p) => p.waitForEvent("download", { timeout: WAIT }).finally(() => p.close().catch(() => {}))),
					page.waitForEvent("download", { timeout: WAIT }),
				]),
			);
			await formButton(page, "导出台账");
			const file = await download;
			const name = file.suggestedFilename();
			const saved = path.join(artefacts, `ledger-${fx.suffix}.xlsx`);
			await file.saveAs(saved);
			const size = fs.statSync(saved).size;
			fs.unlinkSync(saved);
			if (!/\.xlsx$/.test(name) || size < 1000) throw new Error(`the ledger download is ${name} (${size} bytes)`);
			await looks(page, "account list");
		});
		await check(
			"学院负责人 edits the purpose of a filed account of his college",
			async () => {
				await editPurpose(page, fx.dean_edit_account, `发布学院工作动态、通知公告（负责人修改${fx.suffix}）`);
			},
			{ shot: { page, name: "journey-unit-head" } },
		);
		await s.context.close();
	}

	// ---------------------------------------------------------------- 辅导员 (kj.fdy)
	async function counsellor(browser) {
		const s = await startJourney(browser, u.fdy, "辅导员");
		if (!s) return;
		const { page } = s;
		await check("辅导员 files a class group", async () => {
			await newFromList(page, "Social Media Group", "the group list offers her no way to register a group");
			await type(page, "group_name", fx.new_group_name);
			await pickField(page, "platform", fx.platform_group);
			await pickField(page, "owner_unit", fx.class_unit_name);
			await pickField(page, "group_owner", u.qunzhu);
			await type(page, "member_count", "60");
			await page
				.locator(
					'.page-container:visible .frappe-control[data-fieldname="supervisor_is_member"] input[type=checkbox]:visible',
				)
				.first()
				.check();
			await page.waitForFunction(() => cur_frm.doc.supervisor_is_member === 1);
			await type(page, "purpose", "家校沟通与班级通知", "textarea");
			await save(page);
			let text = await looks(page, "new group");
			expectText(text, fx.new_group_name, "saved group");
			text = await applyForOpening(page, "班级家校沟通，人数较多须备案", "group's application");
			if (!/待.*审批/.test(text)) throw new Error("the application is not waiting for an approval after submitting");
		});
		await check("辅导员 consents to the renaming of a class group from her notification", async () => {
			await page.click(".navbar .dropdown-notifications:visible .notifications-icon", { timeout: WAIT });
			const item = page
				.locator(`.notifications-list a.notification-item[href$="${fx.consent_request}"]:visible`)
				.first();
			await item.waitFor({ state: "visible", timeout: WAIT }).catch(() => {
				throw new Error(`no notification of the rename ${fx.consent_request} waiting for her consent (issue 15 §6)`);
			});
			const loaded = answer(page, "frappe.desk.form.load.getdoc", fx.consent_request);
			await item.click();
			await ensureOk(await loaded, "the rename request");
			await page.waitForFunction((n) => window.cur_frm && cur_frm.docname === n, fx.consent_request, { timeout: WAIT });
			await idle(page);
			const approved = answer(
				page,
				"socialmedia_governance.filing.doctype.group_change_request.group_change_request.approve",
			);
			await formButton(page, "批准");
			await ensureOk(await approved, "consent");
			await page.waitForFunction(() => cur_frm.doc.docstatus === 1, null, { timeout: WAIT });
			await idle(page);
			await looks(page, "rename request");
			await openForm(page, "Social Media Group", fx.consent_group);
			expectText(await looks(page, "renamed group"), fx.consent_new_name, "the group's new name");
		});
		await check(
			"辅导员 sees her class's accounts and not another college's; a hostile name stays text",
			async () => {
				await openList(page, "Social Media Account");
				// typed into the list's ID filter, as a user looks a record up
				const byId = async (name) => {
					const input = page.locator('.page-container:visible .standard-filter-section input[data-fieldname="name"]');
					const listed = answer(page, "frappe.desk.reportview.get", name);
					await input.click();
					await input.fill(name);
					await ensureOk(await listed, `the list filtered by ${name}`);
					await idle(page);
					return page.locator(`.page-container:visible .list-row-container [data-name="${name}"]`).count();
				};
				if (!(await byId(fx.class_account)))
					throw new Error(`her class's account ${fx.class_account_name} is not listed`);
				if (await byId(fx.other_account))
					throw new Error(`another college's account ${fx.other_account_name} is listed`);
				const suffix = fx.hostile_account_name.split("班级号").pop();
				await openForm(page, "Social Media Account", fx.hostile_account);
				const ran = await page.evaluate(() => window.__smg_xss);
				if (ran !== undefined) throw new Error(`the hostile name ran as a script (${ran})`);
				const text = await looks(page, "hostile account");
				expectText(text, `班级号${suffix}`, "hostile account form");
				expectText(text, "<script>window.__smg_xss=2", "the form shows the name as text");
			},
			{ shot: { page, name: "journey-counsellor" } },
		);
		await s.context.close();
	}

	// ---------------------------------------------------------------- 群主 (kj.qunzhu)
	async function groupOwner(browser) {
		const s = await startJourney(browser, u.qunzhu, "群主");
		if (!s) return;
		const { page } = s;
		await check(
			"群主 asks to rename his group from the group's form",
			async () => {
				await openForm(page, "Social Media Group", fx.owner_group);
				const form = pending(
					page.waitForFunction(
						() => window.cur_frm && cur_frm.doctype === "Group Change Request" && cur_frm.is_new(),
						null,
						{
							timeout: WAIT,
						},
					),
				);
				await formButton(page, "群组改名").catch((e) => {
					throw new Error(`${e.message}: renaming is reachable only by typing in the search bar (issue 15 §7)`);
				});
				await form;
				await idle(page);
				const prefilled = await page.evaluate(() => [cur_frm.doc.group, cur_frm.doc.change_type]);
				if (prefilled[0] !== fx.owner_group) await pickField(page, "group", fx.owner_group_name);
				if (prefilled[1] !== "Rename") {
					await page.selectOption('.page-container:visible select[data-fieldname="change_type"]', "Rename");
					await page.waitForFunction(() => cur_frm.doc.change_type === "Rename");
				}
				await type(page, "new_name", fx.owner_group_new_name);
				await type(page, "reason", "班委工作沟通", "textarea");
				await save(page);
				const approved = answer(
					page,
					"socialmedia_governance.filing.doctype.group_change_request.group_change_request.approve",
				);
				await formButton(page, "批准");
				await ensureOk(await approved, "his approval");
				await page.waitForFunction(() => !!cur_frm.doc.owner_approved_by, null, { timeout: WAIT });
				await idle(page);
				await looks(page, "rename request");
			},
			{ shot: { page, name: "journey-group-owner" } },
		);
		await s.context.close();
	}

	// ---------------------------------------------------------------- 宣传部 (xcb)
	async function propaganda(browser) {
		const s = await startJourney(browser, u.xcb, "宣传部");
		if (!s) return;
		const { page } = s;
		await check("宣传部 approves the last step: the account is filed", async () => {
			await openForm(page, "Opening Application", fx.xcb_application);
			expectText(await looks(page, "application"), "待宣传部审批", "state");
			await workflowAction(page, "批准");
			await openForm(page, "Social Media Account", fx.xcb_application_account);
			const text = await looks(page, "filed account");
			expectText(text, "XCB-", "filing number");
			expectText(text, "运行中", "status of the filed account");
		});
		await check("宣传部 prints the 开设审批表", async () => {
			await openForm(page, "Opening Application", fx.xcb_application);
			const rendered = answer(page, "frappe.www.printview.get_html_and_style");
			await page.click(
				".page-container:visible .page-head button[title='打印'], .page-container:visible .page-head button:has(use[href='#icon-printer'])",
				{
					timeout: WAIT,
				},
			);
			await ensureOk(await rendered, "print preview");
			await idle(page);
			const format = page.locator('.page-container:visible input[data-fieldname="print_format"]');
			let chosen = await format.inputValue();
			if (chosen !== "开设审批表") {
				const again = answer(page, "frappe.www.printview.get_html_and_style", "开设审批表");
				await pick(page, format, "开设审批表");
				await ensureOk(await again, "print preview of 开设审批表");
				await idle(page);
			}
			let text = await looks(page, "print preview");
			for (const frame of page.frames()) text += await frame.innerText("body").catch(() => "");
			for (const bad of badStrings(text)) problem(`print preview: "${bad}"`);
			expectText(text, "审批表", "print preview");
			expectText(text, fx.xcb_application_account_name, "print preview");
			await page.screenshot({ path: path.join(artefacts, "print-opening-application.png") });
		});
		await check("宣传部 records an incident on a class account", async () => {
			await newFromList(page, "Incident");
			await page.selectOption(
				'.page-container:visible select[data-fieldname="platform_doctype"]',
				"Social Media Account",
			);
			await page.waitForFunction(() => cur_frm.doc.platform_doctype === "Social Media Account");
			await pickField(page, "platform_record", fx.incident_account);
			if (!(await page.evaluate(() => cur_frm.doc.found_by))) await pickField(page, "found_by", u.xcb);
			const found = field(page, "found_on");
			await found.click();
			await found.fill(await page.evaluate(() => frappe.datetime.str_to_user(frappe.datetime.now_datetime())));
			await page.keyboard.press("Escape");
			await page.waitForFunction(() => !!cur_frm.doc.found_on);
			await type(page, "url", "https://example.edu.cn/post/123");
			await type(page, "description", `转发未经核实的停课消息（${fx.suffix}）`, "textarea");
			await save(page);
			expectText(await looks(page, "incident"), fx.incident_account, "incident");
		});
		await check("宣传部 starts a coordinated release to the college's accounts", async () => {
			await newFromList(page, "Coordinated Release");
			await type(page, "title", `关于调整作息时间的通知（${fx.suffix}）`);
			const deadline = field(page, "deadline");
			await deadline.click();
			await deadline.fill(
				await page.evaluate(() =>
					frappe.datetime.str_to_user(frappe.datetime.add_days(frappe.datetime.now_datetime(), 1)),
				),
			);
			await page.keyboard.press("Escape");
			await page.waitForFunction(() => !!cur_frm.doc.deadline);
			await type(page, "content", "请各单位账号统一转发学校官方发布内容。", "textarea");
			const units = page
				.locator('.page-container:visible .frappe-control[data-fieldname="units"] input:visible')
				.first();
			await pick(page, units, fx.unit_name, () => (cur_frm.doc.units || []).length > 0);
			await save(page);
			await submit(page);
			const targeted = await page.evaluate(() => cur_frm.doc.targeted);
			if (!(targeted > 0)) throw new Error(`the release targets ${targeted} accounts`);
			await looks(page, "coordinated release");
		});
		await check(
			"宣传部 opens every report of the app from the workspace",
			async () => {
				const reports = fx.sweep.xcb.reports;
				if (!reports.length) throw new Error("the fixture found no report");
				for (const report of reports) {
					const workspace = fx.sweep.xcb.report_workspace[report];
					let ran;
					if (workspace) {
						await page.evaluate((w) => frappe.set_route(w), slug(workspace));
						await workspaceReady(page);
						ran = answer(page, "frappe.desk.query_report.run", report);
						// the workspace's link to the report (its address ends in query-report/<name>)
						await clickWorkspaceLink(page, `/query-report/${report}`);
					} else {
						problem(`no workspace links to the report ${report}: it is found only by searching for it`);
						ran = answer(page, "frappe.desk.query_report.run", report);
						await page.evaluate((r) => frappe.set_route("query-report", r), report);
					}
					await ensureOk(await ran, `report ${report}`);
					await idle(page);
					await looks(page, `report ${report}`);
				}
			},
			{ shot: { page, name: "journey-propaganda" } },
		);
		await s.context.close();
	}

	// ---------------------------------------------------------------- typed text, library words
	// (issues 15, 16) What people typed stays text in a form's title and in the app's reports, and
	// the words Frappe's libraries write in English read in Chinese: the list's sort titles, a link
	// field's status line, a report's filter row, the posting heatmap.
	async function deskWords(browser) {
		const s = await startJourney(browser, u.xcb, "宣传部", {
			title: "宣传部 logs in (typed text, library words)",
			workspace: false,
		});
		if (!s) return;
		const { page } = s;
		const shown = "document.querySelector(\".page-container:not([style*='display: none'])\")";
		await check("a typed name stays text in the form's title; the posting heatmap reads Chinese", async () => {
			await openForm(page, "Social Media Account", fx.hostile_account);
			const head = await page.evaluate(`(() => {
				const head = ${shown}.querySelector(".page-head");
				return { title: head.querySelector(".title-text").innerText, images: head.querySelectorAll("img").length };
			})()`);
			if (head.images) throw new Error("the form's title drew the typed name as markup");
			expectText(head.title, "<img", "the form's title");
			await page.waitForFunction(`!!${shown}.querySelector(".smg-heatmap svg text")`);
			const words = await page.evaluate(
				`[...${shown}.querySelectorAll(".smg-heatmap svg text")].map((t) => t.textContent.trim())`,
			);
			const english = words.filter((w) => /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Wed|Fri|Less|More)$/i.test(w));
			if (english.length) throw new Error(`the heatmap reads ${english.join(" ")}`);
		});
		await check("a list's sort titles and a link field's status line read Chinese", async () => {
			await openList(page, "Social Media Account");
			const texts = await page.evaluate(`[
				...[...${shown}.querySelectorAll("[title]")].map((e) => e.getAttribute("title")),
				...[...${shown}.querySelectorAll(".awesomplete [role=status]")].map((e) => e.textContent),
			]`);
			const bad = texts.filter((t) => /Click to sort|Begin typing|results found|No results|按[^排]*[A-Za-z]{4,}[^排]*排序/.test(t));
			if (bad.length) throw new Error(`English: ${[...new Set(bad)].join(" | ")}`);
		});
		await check("a report of the app shows typed markup as text and titles its filter row in Chinese", async () => {
			await openReport(page, "Dormant Accounts");
			await page.waitForFunction(`!!${shown}.querySelector(".dt-filter[title]")`);
			const r = await page.evaluate(`({
				titles: [...${shown}.querySelectorAll(".dt-filter[title]")].map((e) => e.title),
				cell: frappe.format('<img src="x">', { fieldtype: "Data", fieldname: "account_name" }),
			})`);
			if (/<img/.test(r.cell)) throw new Error(`a Data cell of the report renders markup: ${r.cell}`);
			const english = r.titles.filter((t) => /Filter based on/.test(t));
			if (english.length) throw new Error(`the filter row reads ${english[0]}`);
		});
		await s.context.close();
	}

	// ---------------------------------------------------------------- 学院负责人, after the release
	// (issues 8, 17) The release the Propaganda Department has just issued reaches the college: its
	// dean finds his college's new tasks in the task list (each task carries the scope columns his
	// row rule reads, copied from its account when the release is issued) and their progress.
	async function unitHeadRelease(browser) {
		const s = await startJourney(browser, u.dean, "学院负责人", {
			title: "学院负责人 logs in (the new release)",
			workspace: false,
		});
		if (!s) return;
		const { page } = s;
		await check(
			"学院负责人 finds his college's tasks of the new release and their progress",
			async () => {
				await openList(page, "Release Task");
				const title = `关于调整作息时间的通知（${fx.suffix}）`;
				await page
					.locator(`.page-container:visible .frappe-list .list-row-container:has-text("${title}")`)
					.first()
					.waitFor({ state: "visible", timeout: WAIT });
				await looks(page, "release task list");
				const ran = answer(page, "frappe.desk.query_report.run", "Coordinated Release Progress");
				await route(page, ["query-report", "Coordinated Release Progress"]);
				await ensureOk(await ran, "Coordinated Release Progress");
				await idle(page);
				expectText(await looks(page, "release progress"), fx.unit_name, "his college's row");
			},
			{ shot: { page, name: "journey-unit-head-release" } },
		);
		await s.context.close();
	}

	// ---------------------------------------------------------------- 审计 (audit)
	async function auditor(browser) {
		const s = await startJourney(browser, u.audit, "审计");
		if (!s) return;
		const { page } = s;
		await check(
			"审计 reads the registers and a report without being offered any writing",
			async () => {
				for (const doctype of ["Social Media Account", "Social Media Group", "Opening Application", "Incident"]) {
					await openList(page, doctype);
					const add = await page.locator(".page-container:visible .page-head .primary-action:visible").count();
					if (add) problem(`the ${doctype} list offers the auditor to add a record`);
					await looks(page, `${doctype} list`);
				}
				await openForm(page, "Social Media Account", fx.media_edit_account);
				const form = await readOnlyForm(page);
				if (!form.readOnly)
					problem(
						`the account form offers writing to the auditor: ${form.saveShown ? "save button; " : ""}${form.editable.join(", ")}`,
					);
				await looks(page, "account form");
				const report = fx.sweep.audit.reports[0];
				const ran = answer(page, "frappe.desk.query_report.run", report);
				await route(page, ["query-report", report]);
				await ensureOk(await ran, `report ${report}`);
				await idle(page);
				await looks(page, `report ${report}`);
			},
			{ shot: { page, name: "journey-auditor" } },
		);
		await check("a chart redrawn while Frappe Charts animates an update stays whole (no removeChild error)", async () => {
			// the workspace's intermittent page error, made to happen every time: an update swaps the
			// chart's <svg> out for an animated copy; a redraw (its ResizeObserver) lands in that window
			const drawn = await page.evaluate(() => {
				const div = document.createElement("div");
				div.id = "smg-chart-probe";
				div.style.width = "400px";
				document.body.appendChild(div);
				const data = (values) => ({ labels: ["甲", "乙", "丙"], datasets: [{ values }] });
				const chart = new frappe.Chart(div, { type: "bar", height: 160, data: data([1, 2, 3]) });
				window.smg_chart_probe = chart;
				chart.update(data([3, 1, 2]));
				const swapped = chart.svg.parentNode !== chart.container;
				try {
					chart.draw(true);
					return { swapped, error: null };
				} catch (err) {
					return { swapped, error: String(err) };
				}
			});
			if (!drawn.swapped) problem("Frappe Charts no longer swaps the <svg> while animating: revisit desk_charts.js");
			if (drawn.error) problem(`the redraw threw: ${drawn.error}`);
			// the deferred redraw lands once the <svg> is back: one chart, drawn, in its container
			await page.waitForFunction(
				() => {
					const chart = window.smg_chart_probe;
					const svgs = document.querySelectorAll("#smg-chart-probe svg.frappe-chart");
					return svgs.length === 1 && svgs[0] === chart.svg && chart.svg.parentNode === chart.container;
				},
				null,
				{ timeout: WAIT },
			);
			await page.evaluate(() => document.getElementById("smg-chart-probe").remove());
		});
		await check("a chart made while its page is hidden draws once shown (no negative widths)", async () => {
			// a workspace left before its charts came: the chart is made in a container 0 px wide,
			// where Frappe Charts computes negative widths, a console error per bar (reported to
			// this step by the page watcher); it waits until it is shown, then draws at its width
			await page.evaluate(() => {
				const div = document.createElement("div");
				div.id = "smg-hidden-chart";
				div.style.cssText = "width: 400px; display: none";
				document.body.appendChild(div);
				const data = { labels: ["甲", "乙", "丙"], datasets: [{ values: [3, 1, 2] }] };
				window.smg_hidden_chart = new frappe.Chart(div, { type: "bar", height: 160, data });
				// the update Frappe Charts makes after its first draw, here while still hidden
				window.smg_hidden_chart.update({ labels: ["甲", "乙"], datasets: [{ values: [2, 5] }] });
			});
			await page.evaluate(() => {
				document.getElementById("smg-hidden-chart").style.display = "block";
			});
			await page.waitForFunction(
				() => {
					const bars = [...document.querySelectorAll("#smg-hidden-chart svg.frappe-chart rect.bar")];
					const svg = window.smg_hidden_chart.svg;
					return (
						svg &&
						Number(svg.getAttribute("width")) > 300 &&
						bars.length === 2 &&
						bars.every((bar) => Number(bar.getAttribute("width")) > 0)
					);
				},
				null,
				{ timeout: WAIT },
			);
			await page.evaluate(() => document.getElementById("smg-hidden-chart").remove());
		});
		await s.context.close();
	}

	// ---------------------------------------------------------------- the sweep
	async function sweep(browser) {
		for (const [key, plan] of Object.entries(fx.sweep)) {
			const user = u[key];
			const seen = [];
			const label = `sweep ${user}`;
			await check(
				`${label}: workspace, ${plan.lists.length} lists, ${plan.forms.length} forms, ${plan.reports.length} reports, ${plan.prints.length} print formats, ${plan.links.length} other links`,
				async () => {
					const s = await login(browser, user, user);
					try {
						await sweepAs(s, plan, user, seen);
					} finally {
						await s.context.close();
					}
				},
			);
			console.log(`     (${seen.length} screens)`);
		}
	}

	// A list's Select filters offer their values in the DocType's words, as its rows show them
	// (desk_i18n.js): every option of every Select filter of the open list.
	async function selectFiltersInDocTypeWords(page, doctype) {
		const wrong = await page.evaluate((dt) => {
			const out = [];
			for (const field of Object.values((window.cur_list && cur_list.page.fields_dict) || {})) {
				const df = field && field.df;
				if (!df || df.fieldtype !== "Select" || !df.is_filter || !field.$input) continue;
				for (const option of field.$input.find("option")) {
					const want = option.value && __(option.value, null, dt);
					if (want && option.textContent !== want)
						out.push(`${df.fieldname} offers ${option.value} as ${option.textContent}, its rows say ${want}`);
				}
			}
			return out;
		}, doctype);
		for (const w of wrong) problem(`the filter ${w}`);
	}

	async function sweepAs(s, plan, user, seen) {
		const { page } = s;
		const printer = await s.context.newPage();
		const item = async (what, fn) => {
			const before = current.problems.length;
			try {
				await fn();
			} catch (err) {
				problem(`${what}: ${err.message.split("\n")[0]}`);
			}
			await idle(page).catch(() => {});
			noteEnglish(await screenText(page).catch(() => ""), `${user} ${what}`);
			// a message left open by this screen (already judged) is closed before the next
			await page.evaluate(() => {
				for (const d of [frappe.msg_dialog, frappe.error_dialog, window.cur_dialog]) if (d && d.display) d.hide();
			});
			for (let i = before; i < current.problems.length; i++) current.problems[i] = `${what}: ${current.problems[i]}`;
			seen.push(what);
		};
		for (const [name, r] of plan.workspaces) {
			await item(`workspace ${name}`, async () => {
				await page.evaluate((w) => frappe.set_route(w), r);
				await workspaceReady(page);
			});
		}
		for (const [doctype] of plan.lists)
			await item(`list ${doctype}`, async () => {
				await openList(page, doctype);
				await selectFiltersInDocTypeWords(page, doctype);
			});
		for (const [doctype, name, r] of plan.forms) {
			await item(`form ${doctype} ${name || ""}`, async () => {
				if (name) return openForm(page, doctype, name);
				const loaded = answer(page, "frappe.desk.form.load.getdoc", doctype);
				await route(page, r);
				await ensureOk(await loaded, doctype);
			});
		}
		for (const report of plan.reports) await item(`report ${report}`, () => openReport(page, report));
		for (const [label, r, kind] of plan.links) {
			await item(`workspace link ${label}`, async () => {
				const method = {
					list: "frappe.desk.reportview.get",
					"report-view": "frappe.desk.reportview.get",
					form: "frappe.desk.form.load.getdoc",
				}[kind];
				if (kind === "query-report") return openReport(page, r[1]);
				const loaded = method ? answer(page, method) : null;
				await route(page, r);
				if (loaded) await ensureOk(await loaded, label);
				// a tree asks for its nodes with the method of its tree settings: drawn nodes show
				// it answered
				if (kind === "tree") await page.waitForSelector(".page-container:visible .tree .tree-node", { timeout: WAIT });
				await idle(page);
			});
		}
		for (const [doctype, name, format] of plan.prints) {
			await item(`print ${format} (${doctype} ${name})`, async () => {
				const q = new URLSearchParams({ doctype, name, format, no_letterhead: "0" });
				const r = await printer.goto(`${base}/printview?${q}`);
				if (r.status() >= 400) throw new Error(`the print view answered ${r.status()}`);
				const text = await printer.innerText("body");
				if (/Traceback|Error|错误/.test(text) && !text.trim().length) throw new Error("the print view shows an error");
				if (/Traceback/.test(text)) throw new Error("the print view shows a traceback");
			});
		}
	}

	async function openReport(page, report) {
		const ran = answer(page, "frappe.desk.query_report.run", report).then(
			(r) => r,
			(e) => e,
		);
		await page.evaluate((r) => frappe.set_route("query-report", r), report);
		// a report whose mandatory filters are empty asks for them instead of running
		const waiting = page
			.waitForFunction(
				(r) => {
					const q = frappe.query_report;
					return q && q.report_name === r && q.filters && q.filters.some((f) => f.df.reqd && !f.get_value());
				},
				report,
				{ timeout: WAIT },
			)
			.then(
				() => "filters",
				() => "no",
			);
		const first = await Promise.race([ran, waiting]);
		if (first === "filters") return;
		const r = await ran;
		if (r instanceof Error) throw r;
		await ensureOk(r, `report ${report}`);
		await idle(page);
	}
})().catch((err) => {
	console.log(`browser-tests: 0 passed, 1 failed (${err.message.split("\n")[0]})`);
	process.exit(1);
});
