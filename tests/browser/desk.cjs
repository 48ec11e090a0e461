// The desk in a real browser (issue 9): Debian's Chromium driven by playwright-core, in Chinese,
// as three users of a school made by socialmedia_governance.setup.checks.browser_fixture:
//   unit head  — logs in, opens the opening application waiting for him, approves it;
//   propaganda — opens the workspace, approves the last step, opens the 开设审批表 print preview;
//   counsellor — sees her class's account and not another college's.
// Usage: node tests/browser/desk.cjs BASE_URL FIXTURE_JSON SCREENSHOT_DIR
// Prints "browser-tests: N passed, M failed" and exits non-zero on a failure.
const { chromium } = require("playwright-core");

const [base, fixtureJson, shots] = process.argv.slice(2);
const fx = JSON.parse(fixtureJson);
const results = [];

async function check(name, fn) {
	try {
		await fn();
		results.push([name, true]);
		console.log(`ok   ${name}`);
	} catch (err) {
		results.push([name, false]);
		console.log(`FAIL ${name}: ${err.message.split("\n")[0]}`);
	}
}

function expectText(text, needle, what) {
	if (!text.includes(needle)) throw new Error(`${what}: "${needle}" not on the page`);
}

async function login(browser, user) {
	const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
	const page = await context.newPage();
	await page.goto(`${base}/login`);
	await page.fill("#login_email", user);
	await page.fill("#login_password", fx.password);
	await page.click(".btn-login");
	await page.waitForURL(/\/app/, { timeout: 30000 });
	return page;
}

async function openDoc(page, route) {
	await page.goto(`${base}/app/${route}`);
	await page.waitForSelector(".page-head .title-text", { timeout: 30000 });
	await page.waitForTimeout(1500);
}

async function workflowAction(page, action) {
	await page.click(".page-actions .actions-btn-group > button", { timeout: 15000 });
	await page.click(`.page-actions .actions-btn-group .dropdown-menu a:has-text("${action}")`);
	// a confirmation is asked for some actions
	const yes = page.locator(".modal.show .btn-primary:has-text('是')");
	if (await yes.isVisible({ timeout: 2000 }).catch(() => false)) await yes.click();
	await page.waitForTimeout(3000);
}

(async () => {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
	});
	try {
		const app = `opening-application/${fx.application}`;

		const head = await login(browser, fx.users.kj_dean);
		await check("unit head sees the application waiting for him, in Chinese", async () => {
			await openDoc(head, app);
			const text = await head.innerText("body");
			expectText(text, fx.account_name, "application");
			expectText(text, "待监管人审批", "state");
			await head.screenshot({ path: `${shots}/browser-unit-head-application.png` });
		});
		await check("unit head approves his step", async () => {
			await workflowAction(head, "批准");
			await openDoc(head, app);
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
			await openDoc(xcb, app);
			await workflowAction(xcb, "批准");
			await openDoc(xcb, `social-media-account/${fx.account}`);
			const text = await xcb.innerText("body");
			expectText(text, "XCB-", "filing number");
		});
		await check("propaganda opens the 开设审批表 print preview", async () => {
			await xcb.goto(`${base}/app/print/Opening Application/${fx.application}`);
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
