// The desk in a real browser (issue 9): Debian's Chromium driven by playwright-core, in Chinese,
// filing an account from an empty form to its filing number, as the users of a school made by
// socialmedia_governance.setup.checks.browser_fixture:
//   unit head      — fills in a new account for his college (platform, unit, administrator);
//   administrator  — opens it, starts its opening application, submits it for approval;
//   unit head      — approves his step;
//   propaganda     — opens the workspace, approves the last step (the account gets its filing
//                    number), opens the 开设审批表 print preview;
//   counsellor     — sees her class's account and not another college's.
// Usage: node tests/browser/desk.cjs BASE_URL FIXTURE_JSON SCREENSHOT_DIR
// Prints "browser-tests: N passed, M failed" and exits non-zero on a failure.
const { chromium } = require("playwright-core");

const [base, fixtureJson, shots] = process.argv.slice(2);
const fx = JSON.parse(fixtureJson);
const results = [];

const pages = [];

// A failed step leaves screenshots of every open page in the system's temporary folder.
async function check(name, fn) {
	try {
		await fn();
		results.push([name, true]);
		console.log(`ok   ${name}`);
	} catch (err) {
		results.push([name, false]);
		console.log(`FAIL ${name}: ${err.message.split("\n")[0]}`);
		for (const [i, page] of pages.entries()) {
			const path = require("path").join(require("os").tmpdir(), `smg-browser-fail-${results.length}-${i}.png`);
			await page.screenshot({ path }).catch(() => {});
			console.log(`     screenshot: ${path}`);
		}
	}
}

function expectText(text, needle, what) {
	if (!text.includes(needle)) throw new Error(`${what}: "${needle}" not on the page`);
}

// A Link field: type, then pick the suggestion the desk offers (as a user does).
async function fillLink(page, input, text) {
	await input.click();
	await input.fill(text);
	const option = page.locator('[role="option"]:visible').filter({ hasText: text }).first();
	await option.waitFor({ state: "visible", timeout: 15000 });
	await option.click();
	await page.waitForTimeout(500);
}

async function save(page) {
	await page.keyboard.press("Control+s");
	await page.waitForFunction(() => !location.pathname.endsWith("/new") && !/new-.+-\d+$/.test(location.pathname), null, {
		timeout: 30000,
	});
	await page.waitForSelector(".page-head:visible .indicator-pill", { timeout: 30000 });
	await page.waitForTimeout(1500);
	return decodeURIComponent(page.url().split("/").pop().split("?")[0]);
}

async function login(browser, user) {
	const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
	const page = await context.newPage();
	pages.push(page);
	await page.goto(`${base}/login`);
	await page.fill("#login_email", user);
	await page.fill("#login_password", fx.password);
	await page.click(".btn-login");
	await page.waitForURL(/\/app/, { timeout: 30000 });
	return page;
}

async function openDoc(page, route) {
	await page.goto(`${base}/app/${route}`);
	await page.waitForSelector(".page-head:visible .title-text", { timeout: 30000 });
	await page.waitForTimeout(1500);
}

async function workflowAction(page, action) {
	// caught here: if a click below fails, this wait must not outlive the page unhandled
	const done = page.waitForResponse((r) => r.url().includes("apply_workflow"), { timeout: 60000 }).catch((e) => e);
	await page.click(".page-head:visible .page-actions .actions-btn-group > button", { timeout: 15000 });
	await page.click(`.page-head:visible .page-actions .actions-btn-group .dropdown-menu a:has-text("${action}")`);
	// a confirmation is asked for some actions
	const yes = page.locator(".modal.show .btn-primary:has-text('是')");
	if (await yes.isVisible({ timeout: 2000 }).catch(() => false)) await yes.click();
	const response = await done;
	if (response instanceof Error) throw response;
	if (!response.ok()) throw new Error(`${action}: the server answered ${response.status()}`);
	await page.waitForTimeout(1000);
}

(async () => {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
	});
	try {
		let account = null;
		let application = null;

		const head = await login(browser, fx.users.kj_dean);
		await check("unit head fills in a new account for his college", async () => {
			await head.goto(`${base}/app/social-media-account/new`);
			await head.waitForSelector('input[data-fieldname="account_name"]', { timeout: 30000 });
			await head.waitForTimeout(1000);
			await head.fill('input[data-fieldname="account_name"]', fx.account_name);
			await fillLink(head, head.locator('input[data-fieldname="platform"]').first(), "微信公众号");
			await fillLink(head, head.locator('input[data-fieldname="owner_unit"]').first(), fx.unit_name);
			const grid = head.locator('.frappe-control[data-fieldname="administrators"]');
			await grid.locator(".grid-add-row").click();
			const row = grid.locator('.grid-body .grid-row[data-idx="1"]');
			await row.locator('[data-fieldname="user"]').first().click();
			await fillLink(head, row.locator('input[data-fieldname="user"]'), fx.users.admin_kj);
			account = await save(head);
			const text = await head.innerText("body");
			expectText(text, fx.account_name, "saved account");
			expectText(text, "草稿", "status of a new account");
			await head.screenshot({ path: `${shots}/browser-unit-head-new-account.png` });
		});

		const admin = await login(browser, fx.users.admin_kj);
		await check("the account's administrator starts its opening application and submits it", async () => {
			await openDoc(admin, `social-media-account/${account}`);
			await admin.click('.page-head:visible .page-actions button:has-text("开设申请")', {
				timeout: 15000,
			});
			await admin.waitForSelector('textarea[data-fieldname="reason"]', { timeout: 30000 });
			await admin.waitForTimeout(1000);
			await admin.fill('textarea[data-fieldname="reason"]', "发布学院工作动态和通知");
			application = await save(admin);
			await workflowAction(admin, "提交审批");
			await openDoc(admin, `opening-application/${application}`);
			const text = await admin.innerText("body");
			expectText(text, fx.account_name, "application");
			expectText(text, "待监管人审批", "state after submitting");
			await admin.screenshot({ path: `${shots}/browser-administrator-application.png` });
		});

		await check("unit head sees the application waiting for him, in Chinese, and approves it", async () => {
			await openDoc(head, `opening-application/${application}`);
			expectText(await head.innerText("body"), "待监管人审批", "state");
			expectText(await head.innerText("body"), "等待监管人：kj_dean, kj_sec", "approvers by name");
			await head.screenshot({ path: `${shots}/browser-unit-head-application.png` });
			await workflowAction(head, "批准");
			await openDoc(head, `opening-application/${application}`);
			expectText(await head.innerText("body"), "待宣传部审批", "state after approval");
		});

		const xcb = await login(browser, fx.users.xcb_head);
		await check("propaganda opens the workspace", async () => {
			await xcb.goto(`${base}/app/新媒体管理`);
			await xcb.waitForSelector(".workspace-title, .ce-header, .widget-title", { timeout: 30000 });
			await xcb.waitForTimeout(3000);
			const text = await xcb.innerText("body");
			expectText(text, "新媒体管理", "workspace");
			await xcb.screenshot({ path: `${shots}/browser-propaganda-workspace.png` });
		});
		await check("propaganda approves the last step: the account is filed", async () => {
			await openDoc(xcb, `opening-application/${application}`);
			await workflowAction(xcb, "批准");
			await openDoc(xcb, `social-media-account/${account}`);
			const text = await xcb.innerText("body");
			expectText(text, "XCB-", "filing number");
			expectText(text, "运行中", "status of the filed account");
			expectText(text, "监管人：", "supervision shown in Chinese");
			if (text.includes("Head of the owning unit")) throw new Error("the supervision basis is in English");
			await xcb.screenshot({ path: `${shots}/browser-propaganda-filed-account.png` });
		});
		await check("propaganda opens the 开设审批表 print preview", async () => {
			await xcb.goto(`${base}/app/print/Opening Application/${application}`);
			const format = xcb.locator('input[data-fieldname="print_format"]');
			await format.waitFor({ timeout: 30000 });
			await xcb.waitForTimeout(2000);
			await format.click();
			await xcb.waitForTimeout(1500);
			await xcb.locator('[role="listbox"] [role="option"] p[title="开设审批表"]').first().click({ timeout: 10000 });
			await xcb.waitForTimeout(5000);
			await xcb.screenshot({ path: `${shots}/browser-print-preview.png` });
			let text = await xcb.innerText("body");
			for (const frame of xcb.frames()) text += await frame.innerText("body").catch(() => "");
			expectText(text, "审批表", "print preview");
			expectText(text, "附件1", "print preview");
			expectText(text, fx.account_name, "print preview");
		});

		const fdy = await login(browser, fx.users.fdy_kj);
		await check("counsellor sees her class's account and not another college's", async () => {
			await fdy.goto(`${base}/app/social-media-account?status=Active`);
			await fdy.waitForSelector(".list-row-container, .no-result", { timeout: 30000 });
			await fdy.waitForTimeout(2000);
			const text = await fdy.innerText("body");
			expectText(text, fx.class_account_name, "counsellor's list");
			if (text.includes(fx.other_account_name)) throw new Error("another college's account is listed");
			await fdy.screenshot({ path: `${shots}/browser-counsellor-accounts.png` });
		});
		await check("a hostile account name is shown as text and never run (list, report view, form)", async () => {
			const suffix = fx.hostile_account_name.split("班级号").pop();
			for (const route of [
				"social-media-account?status=Active",
				"social-media-account/view/report?status=Active",
				`social-media-account/${fx.hostile_account}`,
			]) {
				await fdy.goto(`${base}/app/${route}`);
				await fdy.waitForSelector(".page-head:visible .title-text", { timeout: 30000 });
				await fdy.waitForTimeout(2500);
				const ran = await fdy.evaluate(() => window.__smg_xss);
				if (ran !== undefined) throw new Error(`${route}: the name ran as a script (${ran})`);
				expectText(await fdy.innerText("body"), `班级号${suffix}`, route);
			}
			expectText(await fdy.innerText("body"), "<script>window.__smg_xss=2", "the form shows the name as text");
			await fdy.screenshot({ path: `${shots}/browser-hostile-name-as-text.png` });
		});
	} finally {
		await browser.close();
	}
	const failed = results.filter(([, ok]) => !ok).length;
	console.log(`browser-tests: ${results.length - failed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
})().catch((err) => {
	console.log(`browser-tests: 0 passed, 1 failed (${err.message})`);
	process.exit(1);
});
