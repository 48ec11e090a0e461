# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Issue 19, slices 1–2: published posts from every source the app already has, unique per account,
under the row-level rules; activity facts recomputed set-based agree with the pure rules."""

from datetime import timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, getdate, now_datetime, today

from socialmedia_governance.content.doctype.coordinated_release.coordinated_release import (
	confirm_publication,
)
from socialmedia_governance.monitoring import activity as recompute_module
from socialmedia_governance.monitoring import posts as post_store
from socialmedia_governance.monitoring.doctype.published_post.published_post import (
	DuplicatePostError,
	PublishedPostError,
)
from socialmedia_governance.policy import activity, posts
from socialmedia_governance.tests.factories import make_account, make_active, make_school

POST = "Published Post"
ACTIVITY = "Account Activity"


def set_thresholds(red=14, warning=10, per_tier=()):
	settings = frappe.get_single("Governance Settings")
	settings.activity_red_line_days, settings.activity_warning_days = red, warning
	settings.set("activity_tier_thresholds", [])
	for tier, r, w in per_tier:
		settings.append(
			"activity_tier_thresholds", {"tier": str(tier), "red_line_days": r, "warning_days": w}
		)
	settings.flags.ignore_permissions = True
	settings.save()
	frappe.clear_document_cache("Governance Settings", "Governance Settings")


class TestPublishedPosts(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = s = make_school()
		cls.admins = [{"user": s.u("admin_kj")}]
		cls.kj = make_active(make_account(s.units["kj"], administrators=cls.admins))
		cls.xx = make_active(make_account(s.units["xx"], administrators=[{"user": s.u("owner_kj")}]))
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def manual(self, account, **values):
		return frappe.get_doc(
			{
				"doctype": POST,
				"account": account,
				"title": "迎新晚会圆满举行",
				"published_at": add_to_date(now_datetime(), days=-1),
				"link": f"https://mp.weixin.qq.com/s/{frappe.generate_hash(length=8)}",
				**values,
			}
		).insert()

	def test_manual_entry_by_the_accounts_administrator_copies_the_account(self):
		frappe.set_user(self.s.u("admin_kj"))
		post = self.manual(self.kj.name, source=posts.FEED, reads=120)
		self.assertEqual(post.source, posts.MANUAL)  # a form cannot pose as a feed
		self.assertEqual((post.owner_unit, post.account_name), (self.kj.owner_unit, self.kj.account_name))
		self.assertEqual(len(post.dedupe_key), 40)

	def test_one_post_per_link_and_account(self):
		link = "https://weibo.com/123/abc"
		self.manual(self.kj.name, link=link)
		with self.assertRaises(DuplicatePostError):
			self.manual(self.kj.name, link=f"  {link} ")
		self.manual(self.xx.name, link=link)  # another account may share a link
		# the database refuses it too (unique index), whatever the path
		key = posts.dedupe_key(link)
		with self.assertRaises(Exception) as raised:
			frappe.db.sql(
				"insert into `tabPublished Post` (`name`, `account`, `dedupe_key`, `title`, `published_at`) values (%s, %s, %s, 'x', now())",
				(frappe.generate_hash(length=10), self.kj.name, key),
			)
		self.assertTrue(frappe.db.is_unique_key_violation(raised.exception))

	def test_bad_manual_input_is_refused_in_words(self):
		frappe.set_user(self.s.u("admin_kj"))
		for values in (
			{"link": "javascript:alert(1)"},
			{"title": "  "},
			{"published_at": add_to_date(now_datetime(), days=3)},
			{"reads": -5},
		):
			with self.subTest(values=values), self.assertRaises(PublishedPostError):
				self.manual(self.kj.name, **values)

	def test_row_level_rules_apply_to_posts(self):
		mine = self.manual(self.kj.name)
		theirs = self.manual(self.xx.name)
		frappe.db.commit()
		try:
			for user, sees, hidden in (
				(self.s.u("kj_dean"), mine.name, theirs.name),
				(self.s.u("admin_kj"), mine.name, theirs.name),
				(self.s.u("xx_dean"), theirs.name, mine.name),
			):
				frappe.set_user(user)
				names = set(frappe.get_list(POST, pluck="name"))
				self.assertIn(sees, names, user)
				self.assertNotIn(hidden, names, user)
				self.assertFalse(frappe.has_permission(POST, "read", doc=frappe.get_doc(POST, hidden)))
			frappe.set_user(self.s.u("kj_dean"))
			with self.assertRaises(frappe.PermissionError):
				self.manual(self.xx.name)  # not in the dean's college
		finally:
			frappe.set_user("Administrator")
			frappe.delete_doc(POST, mine.name, force=True)
			frappe.delete_doc(POST, theirs.name, force=True)
			frappe.db.commit()

	def test_h8_a_release_confirmation_becomes_a_post_once(self):
		frappe.set_user(self.s.u("xcb_head"))
		release = frappe.get_doc(
			{
				"doctype": "Coordinated Release",
				"title": "关于暴雨天气停课的统一发布",
				"content": "明日停课一天。",
				"deadline": add_to_date(now_datetime(), hours=2),
				"tier_1": 1,
				"tier_2": 1,
				"tier_3": 1,
				"units": [{"unit": self.s.units["kj"]}],
			}
		).insert()
		release.submit()
		frappe.set_user(self.s.u("admin_kj"))
		url = "https://mp.weixin.qq.com/s/storm"
		confirm_publication(release.name, self.kj.name, url)
		task = frappe.get_doc("Release Task", {"release": release.name, "account": self.kj.name})
		task.save()  # saved again: still one post
		rows = frappe.get_all(
			POST, filters={"account": self.kj.name, "link": url}, fields=["source", "reference_name", "title"]
		)
		self.assertEqual(len(rows), 1)
		self.assertEqual((rows[0].source, rows[0].reference_name), (posts.RELEASE, task.name))
		self.assertEqual(rows[0].title, release.title)

	def test_backfill_turns_known_publications_into_posts_once(self):
		filing = frappe.new_doc("Content Filing")
		filing.update(
			{
				"name": f"CF-T-{frappe.generate_hash(length=6)}",
				"publication_request": "none",
				"account": self.kj.name,
				"published_url": "https://mp.weixin.qq.com/s/filed",
				"published_at": add_to_date(now_datetime(), days=-3),
				"title": "年度工作会议召开",
				"content": "会议全文",
				"docstatus": 1,
			}
		)
		filing.db_insert()  # a filing recorded before the monitoring module existed
		self.assertGreaterEqual(post_store.backfill(), 1)
		self.assertEqual(post_store.backfill(), 0)
		post = frappe.get_all(
			POST, filters={"reference_name": filing.name}, fields=["source", "dedupe_key", "summary"]
		)
		self.assertEqual(len(post), 1)
		self.assertEqual(post[0].source, posts.FILING)
		self.assertEqual(post[0].dedupe_key, posts.dedupe_key(filing.published_url))  # SQL sha1 = policy
		# and the submit hook would not add it again
		post_store.from_content_filing(frappe.get_doc("Content Filing", filing.name))
		self.assertEqual(frappe.db.count(POST, {"account": self.kj.name, "link": filing.published_url}), 1)

	def test_outside_text_is_stored_as_text(self):
		result = post_store.upsert(
			[
				{
					"account": self.kj.name,
					"title": "<b>新闻</b><script>alert(1)</script> &amp; 通知",
					"summary": "<p>第一段</p><img src=x onerror=alert(1)>",
					"link": "https://weibo.com/1/x",
					"published_at": add_to_date(now_datetime(), days=-1),
				}
			],
			posts.FEED,
		)
		self.assertEqual(result["new"], 1)
		row = frappe.get_all(POST, filters={"account": self.kj.name}, fields=["title", "summary"])[0]
		self.assertEqual(row.title, "新闻 & 通知")
		self.assertNotIn("<", row.summary)
		self.assertNotIn("onerror", row.summary)


class TestActivityRecompute(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = make_school()
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()
		frappe.clear_document_cache("Governance Settings", "Governance Settings")

	def account_with_posts(self, unit, days_ago, opened_days_ago=400, feed=False, **values):
		acc = make_active(make_account(self.s.units[unit], **values))
		frappe.db.set_value(
			"Social Media Account", acc.name, "opened_on", getdate(today()) - timedelta(days=opened_days_ago)
		)
		base = now_datetime().replace(hour=10, minute=0, second=0, microsecond=0)
		post_store.upsert(
			[
				{
					"account": acc.name,
					"title": f"第{n}条",
					"link": f"https://example.com/{acc.name}/{n}",
					"published_at": base - timedelta(days=d),
				}
				for n, d in enumerate(days_ago)
			],
			posts.IMPORT,
		)
		if feed:
			frappe.get_doc(
				{"doctype": ACTIVITY, "account": acc.name, "feed_url": "https://rss.example.com/x"}
			).insert(ignore_permissions=True)
		return acc

	def facts(self, account):
		return frappe.get_doc(ACTIVITY, account)

	def test_every_state_and_the_sql_agrees_with_the_pure_rules(self):
		set_thresholds(14, 10)
		cases = {
			"active": self.account_with_posts("kj", [0, 1, 6, 7, 29, 30, 89, 90, 200]),
			"warning": self.account_with_posts("kj", [10, 40]),
			"dormant": self.account_with_posts("xx", [14, 300]),
			"unknown": self.account_with_posts("xx", []),
			"new_with_feed": self.account_with_posts("xx", [], opened_days_ago=20, feed=True),
			"closed": self.account_with_posts("xx", [1]),
			"retroactive": self.account_with_posts("kj", [3, 100], opened_days_ago=50),
		}
		frappe.db.set_value("Social Media Account", cases["closed"].name, "status", "Closed")
		with self.assertQueryCount(12):
			recompute_module.recompute()
		day = getdate(today())
		expected_state = {
			"active": activity.ACTIVE,
			"warning": activity.WARNING,
			"dormant": activity.DORMANT,
			"unknown": activity.UNKNOWN,
			"new_with_feed": activity.DORMANT,
			"closed": activity.NOT_MONITORED,
			"retroactive": activity.ACTIVE,
		}
		for key, acc in cases.items():
			row = self.facts(acc.name)
			account = frappe.db.get_value(
				"Social Media Account", acc.name, ["opened_on", "creation", "status"], as_dict=True
			)
			days = [
				get_datetime(p)
				for p in frappe.get_all(POST, filters={"account": acc.name}, pluck="published_at")
			]
			pure = activity.facts(
				days,
				day,
				activity.Thresholds(14, 10),
				opened_on=account.opened_on or getdate(account.creation),
				has_source=bool(row.effective_feed_url),
				monitored=account.status == activity.MONITORED_STATUS,
			)
			with self.subTest(case=key):
				self.assertEqual(row.activity_state, expected_state[key])
				self.assertEqual(row.activity_state, pure.state)
				self.assertEqual(row.days_silent, pure.days_silent or 0)  # unknown: stored as 0
				self.assertEqual(
					(row.posts_7, row.posts_30, row.posts_90), tuple(pure.posts[n] for n in activity.WINDOWS)
				)
				self.assertEqual(row.longest_gap_days, pure.longest_gap)
				self.assertEqual(row.days_left, pure.days_left or 0)
		self.assertEqual(self.facts(cases["warning"].name).days_left, 4)

	def test_the_red_line_per_tier_comes_from_settings(self):
		acc = self.account_with_posts("kj", [20])  # a tier-2 college account
		tier = frappe.db.get_value("Social Media Account", acc.name, "tier")
		set_thresholds(14, 10, per_tier=[(tier, 30, 21)])
		recompute_module.recompute()
		row = self.facts(acc.name)
		self.assertEqual((row.red_line_days, row.warning_days, row.activity_state), (30, 21, activity.ACTIVE))
		set_thresholds(14, 10)
		recompute_module.recompute()
		self.assertEqual(self.facts(acc.name).activity_state, activity.DORMANT)

	def test_thresholds_that_make_no_sense_are_refused(self):
		with self.assertRaises(frappe.ValidationError):
			set_thresholds(14, 14)
		with self.assertRaises(frappe.ValidationError):
			set_thresholds(14, 10, per_tier=[(3, 30, 21), (3, 20, 10)])

	def test_the_number_of_statements_does_not_grow_with_accounts(self):
		for _ in range(3):
			self.account_with_posts("kj", [1, 2, 3])
		# 12, and 3 that give the job's session room for its sort and give it back
		with self.assertQueryCount(15):
			recompute_module.recompute()
		for _ in range(6):
			self.account_with_posts("xx", [1, 50])
		with self.assertQueryCount(15):
			recompute_module.recompute()

	def test_the_jobs_room_to_sort_is_given_back(self):
		names = ", ".join(f"@@session.{name}" for name in recompute_module.BATCH_SESSION)
		before = frappe.db.sql(f"select {names}")[0]
		with recompute_module.batch_session():
			during = frappe.db.sql(f"select {names}")[0]
		self.assertEqual(list(during), list(recompute_module.BATCH_SESSION.values()))
		self.assertEqual(frappe.db.sql(f"select {names}")[0], before)
		with self.assertRaises(ZeroDivisionError), recompute_module.batch_session():
			1 / 0  # noqa: B018
		self.assertEqual(frappe.db.sql(f"select {names}")[0], before)

	def test_the_longest_gap_agrees_with_the_pure_rule_at_its_edges(self):
		# the gaps are computed by a window over numbered accounts (issue 19's 5,000,000 posts):
		# posts on one day, on the period's first day and today, before the opening, before the
		# period, an account opened today or tomorrow, none at all
		cases = {
			"same_day_twice": self.account_with_posts("kj", [5, 5, 30]),
			"first_day_of_the_period": self.account_with_posts("kj", [activity.GAP_PERIOD_DAYS, 100]),
			"today_only": self.account_with_posts("kj", [0]),
			"opened_today": self.account_with_posts("xx", [0], opened_days_ago=0),
			"opened_tomorrow": self.account_with_posts("xx", [], opened_days_ago=-1),
			"before_the_opening_only": self.account_with_posts("xx", [40, 30], opened_days_ago=20),
			"before_the_period_only": self.account_with_posts("xx", [400, 500]),
			"none": self.account_with_posts("kj", []),
		}
		recompute_module.recompute()
		day = getdate(today())
		for key, acc in cases.items():
			account = frappe.db.get_value(
				"Social Media Account", acc.name, ["opened_on", "creation"], as_dict=True
			)
			days = [
				get_datetime(p).date()
				for p in frappe.get_all(POST, filters={"account": acc.name}, pluck="published_at")
			]
			start = activity.gap_period_start(day, account.opened_on or getdate(account.creation))
			with self.subTest(case=key):
				self.assertEqual(
					self.facts(acc.name).longest_gap_days, activity.longest_gap(days, start, day)
				)
