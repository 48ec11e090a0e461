# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Issue 19, slice 5: the Dormant Accounts report, its number card and the per-unit compliance
under the row-level rules; the reminders through the existing engine (warning before the red line
to the administrators, dormant accounts to the supervisor and the Propaganda Department, class
groups in graduation season)."""

from datetime import date, timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, now_datetime, today

from socialmedia_governance.monitoring import activity as recompute_module
from socialmedia_governance.monitoring import posts as post_store
from socialmedia_governance.monitoring.report.dormant_accounts import dormant_accounts
from socialmedia_governance.notifications import reminders, wording
from socialmedia_governance.policy import activity, posts
from socialmedia_governance.registry.supervision import fill_missing_scopes
from socialmedia_governance.setup import reminders as reminder_setup
from socialmedia_governance.tests.factories import make_account, make_active, make_group, make_school


class TestDormantAccounts(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = s = make_school()
		settings = frappe.get_single("Governance Settings")
		settings.activity_red_line_days, settings.activity_warning_days = 14, 10
		settings.set("activity_tier_thresholds", [])
		settings.flags.ignore_permissions = True
		settings.save()
		admins = [{"user": s.u("admin_kj")}]
		cls.kj_dormant = cls.with_post(make_active(make_account(s.units["kj"], administrators=admins)), 30)
		cls.kj_warning = cls.with_post(make_active(make_account(s.units["kj"], administrators=admins)), 11)
		cls.kj_active = cls.with_post(make_active(make_account(s.units["kj"], administrators=admins)), 1)
		cls.xx_dormant = cls.with_post(
			make_active(make_account(s.units["xx"], administrators=[{"user": s.u("owner_kj")}])), 60
		)
		cls.group = make_active(make_group(s.units["kj_class"], s.u("owner_kj"), member_count=40))
		recompute_module.recompute()
		reminder_setup.seed_settings()
		frappe.db.commit()

	@staticmethod
	def with_post(account, days_ago):
		post_store.upsert(
			[
				{
					"account": account.name,
					"title": "一条动态",
					"link": f"https://example.com/{account.name}",
					"published_at": now_datetime() - timedelta(days=days_ago),
				}
			],
			posts.MANUAL,
		)
		return account.name

	def tearDown(self):
		frappe.set_user("Administrator")

	def report(self, user, **filters):
		frappe.set_user(user)
		return dormant_accounts.execute(frappe._dict(filters))

	def test_dormant_accounts_report_follows_the_row_level_rules(self):
		mine = {self.kj_dormant, self.kj_warning, self.kj_active, self.xx_dormant}
		_columns, rows, _message = self.report(self.s.u("xcb_head"), rows="All")
		seen = {r.account for r in rows} & mine
		self.assertEqual(seen, {self.kj_dormant, self.xx_dormant})
		_columns, rows, _message = self.report(self.s.u("kj_dean"))
		self.assertEqual({r.account for r in rows} & mine, {self.kj_dormant})
		self.assertEqual({r.account for r in rows} - mine, set())  # nothing of another unit
		row = next(r for r in rows if r.account == self.kj_dormant)
		self.assertEqual(row.days_silent, 30)
		self.assertEqual(row.state, activity.DORMANT)
		_columns, rows, _message = self.report(self.s.u("kj_dean"), state="Both")
		self.assertEqual({r.account for r in rows}, {self.kj_dormant, self.kj_warning})
		with self.assertRaises(frappe.PermissionError):
			self.report(self.s.u("outsider"))

	def test_the_list_shows_the_longest_silent_first_and_says_how_many_it_leaves_out(self):
		"""The "Rows" filter: the 100 accounts silent longest by default, with a line saying how many
		there are; "All" lists every one; an unknown value reads as the default."""
		fake = [f"ROWS-{frappe.generate_hash(length=8)}-{i:03d}" for i in range(101)]
		frappe.db.bulk_insert(
			"Account Activity",
			fields=["name", "account", "account_name", "owner_unit", "tier", "activity_state", "days_silent"],
			values=[
				(n, n, f"账号{i}", self.s.units["kj_class"], 3, activity.DORMANT, 40 + i)
				for i, n in enumerate(fake)
			],
		)
		fill_missing_scopes()  # rows written by SQL get their scope columns hourly
		try:
			frappe.local.lang = "zh"
			_columns, rows, message = self.report(self.s.u("kj_dean"))
			self.assertEqual(len(rows), 100)
			self.assertEqual([r.account for r in rows], fake[::-1][:100])  # the longest silent first
			self.assertNotIn(self.kj_dormant, {r.account for r in rows})
			self.assertIn("100", message)
			self.assertIn("还有更多", message)
			for choice, shown in (("All", 102), ("500", 102), ("1000; drop table", 100)):
				_columns, rows, message = self.report(self.s.u("kj_dean"), rows=choice)
				self.assertEqual(len(rows), shown, choice)
				self.assertEqual(message is None, shown == 102, choice)
		finally:
			frappe.local.lang = "en"
			frappe.set_user("Administrator")
			frappe.db.delete("Account Activity", {"name": ("in", fake)})

	def test_per_unit_activity_compliance(self):
		columns, rows, _msg, chart = self.report(self.s.u("kj_dean"), by_unit=1)
		kj = next(r for r in rows if r.unit == self.s.units["kj"])
		self.assertEqual((kj.active, kj.warning, kj.dormant), (1, 1, 1))
		self.assertAlmostEqual(float(kj.compliance), 66.7, places=1)
		self.assertNotIn(self.s.units["xx"], [r.unit for r in rows])
		self.assertEqual(chart["type"], "bar")

	def test_number_card_counts_only_what_the_viewer_may_see(self):
		from frappe.desk.doctype.number_card.number_card import get_result

		card = frappe.get_doc("Number Card", "Dormant Accounts")
		frappe.set_user(self.s.u("kj_dean"))
		dean = get_result(card, card.filters_json)  # the desk sends the card's filters
		frappe.set_user(self.s.u("xcb_head"))
		propaganda = get_result(card, card.filters_json)
		self.assertGreaterEqual(dean, 1)
		self.assertGreaterEqual(propaganda, dean + 1)  # the information college's dormant account too
		self.assertEqual(
			dean,
			frappe.db.count(
				"Account Activity", {"activity_state": "Dormant", "owner_unit": ("in", self.kj_units())}
			),
		)

	def kj_units(self):
		lft, rgt = frappe.db.get_value("Organization Unit", self.s.units["kj"], ["lft", "rgt"])
		return frappe.get_all(
			"Organization Unit", filters={"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name"
		)

	def items(self, day=None):
		items, _ctx = reminders.collect(day)
		return items

	def test_warning_before_the_red_line_reaches_the_administrators(self):
		items = [
			i for i in self.items() if i.rule == "activity_warning" and i.reference_name == self.kj_warning
		]
		self.assertEqual({i.recipient for i in items}, {self.s.u("admin_kj")})
		frappe.local.lang = "zh"
		text = wording.item_text(items[0], "zh")
		self.assertIn("已 11 天未更新，距红线还有 3 天", text)

	def test_dormant_accounts_reach_the_supervisor_and_the_propaganda_department(self):
		items = [
			i for i in self.items() if i.rule == "dormant_account" and i.reference_name == self.kj_dormant
		]
		supervisor = frappe.db.get_value("Social Media Account", self.kj_dormant, "supervisor")
		recipients = {i.recipient for i in items}
		self.assertIn(self.s.u("xcb_head"), recipients)
		if supervisor:
			self.assertIn(supervisor, recipients)
		self.assertFalse(
			[i for i in self.items() if i.rule == "dormant_account" and i.reference_name == self.kj_active]
		)

	def test_class_groups_are_listed_for_clear_out_in_graduation_season(self):
		month = int(frappe.db.get_single_value("Reminder Settings", "graduation_month") or 6)
		first = date(getdate(today()).year, month, 1)
		items = [
			i
			for i in self.items(first)
			if i.rule == "graduation_groups" and i.reference_name == self.group.name
		]
		self.assertEqual({i.recipient for i in items}, {self.s.u("owner_kj"), self.s.u("fdy_kj")})
		self.assertFalse([i for i in self.items(first + timedelta(days=1)) if i.rule == "graduation_groups"])
