# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Issue 19, slice 3: the feed poller against a real loopback server shaped like RSSHub — new posts
in, conditional requests, backoff, health on the account, the address refusal (SSRF) and the faults
feeds have: malformed XML, HTML and scripts in titles, a 50 MB feed, wrong encodings, dates in the
future or in 1970, 404/500, timeouts, redirect loops, a host that never answers."""

import random
from datetime import timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, now_datetime

from socialmedia_governance.monitoring import feeds
from socialmedia_governance.monitoring.api import error_text
from socialmedia_governance.monitoring.tests.feed_server import FeedServer
from socialmedia_governance.policy import feeds as feed_policy
from socialmedia_governance.policy import posts
from socialmedia_governance.tests.factories import make_account, make_active, make_school

ACTIVITY = "Account Activity"
POST = "Published Post"


def options(**values):
	defaults = {
		"concurrency": 8,
		"host_connections": 8,
		"timeout": 1.0,
		"max_bytes": 10 * 1024 * 1024,
		"allowed": feed_policy.allow_list("127.0.0.1"),
		"timezone": "Asia/Shanghai",
	}
	return feeds.Options(**{**defaults, **values})


class TestFeedPoller(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.server = FeedServer().__enter__()
		cls.s = make_school()
		settings = frappe.get_single("Monitoring Settings")
		settings.feed_base_url = cls.server.base
		settings.set("feed_routes", [{"platform": "新浪微博", "route_template": "/weibo/user/{id}"}])
		settings.allowed_hosts = "127.0.0.1"
		settings.retry_minutes = 15
		settings.poll_interval_minutes = 60
		settings.stale_days = 14
		settings.flags.ignore_permissions = True
		settings.save()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		cls.server.__exit__(None, None, None)
		super().tearDownClass()

	def tearDown(self):
		frappe.db.rollback()
		frappe.clear_document_cache("Monitoring Settings", "Monitoring Settings")

	def account(self, feed_url=None, platform="新浪微博", platform_id=None):
		acc = make_active(
			make_account(
				self.s.units["kj"],
				platform=platform,
				platform_id=platform_id or str(random.randint(10**8, 10**9)),
			)
		)
		doc = frappe.get_doc({"doctype": ACTIVITY, "account": acc.name, "feed_url": feed_url})
		doc.insert(ignore_permissions=True)
		return acc.name

	def poll(self, account, **opts):
		return feeds.poll_accounts([account], opts=options(**opts))

	def row(self, account):
		return frappe.get_doc(ACTIVITY, account)

	def assert_failing(self, account, text):
		row = self.row(account)
		self.assertEqual(row.feed_state, feed_policy.FAILING)
		self.assertIsNotNone(row.failing_since)
		self.assertIn(text, row.feed_error)
		return row

	# ------------------------------------------------------------------------------ the happy path

	def test_rsshub_route_brings_posts_in_once_and_asks_conditionally(self):
		acc = self.account()
		url = self.row(acc).effective_feed_url
		self.assertTrue(url.startswith(f"{self.server.base}/weibo/user/"))
		totals = self.poll(acc)
		self.assertEqual((totals["feeds"], totals["new_posts"], totals["failed"]), (1, 3, 0))
		row = self.row(acc)
		self.assertEqual(row.feed_state, feed_policy.OK)
		self.assertEqual(row.feed_etag, f'"{url.rsplit("/", 1)[-1]}-v1"')
		self.assertIsNotNone(row.last_new_item_at)
		self.assertGreater(get_datetime(row.next_poll_at), now_datetime() + timedelta(minutes=55))
		titles = frappe.get_all(POST, filters={"account": acc}, pluck="source")
		self.assertEqual(titles, [posts.FEED] * 3)
		# polled again: the server answers 304 to the ETag; nothing is duplicated
		self.assertEqual(self.poll(acc)["new_posts"], 0)
		path, headers = self.server.requests[-1]
		self.assertEqual(headers.get("If-None-Match"), row.feed_etag)
		self.assertEqual(headers.get("If-Modified-Since"), "Sun, 29 Nov 2026 12:00:00 GMT")
		self.assertEqual(frappe.db.count(POST, {"account": acc}), 3)
		self.assertEqual(self.row(acc).feed_state, feed_policy.OK)

	def test_a_feed_without_new_items_for_long_says_since_when(self):
		acc = self.account()
		self.poll(acc)
		long_ago = add_to_date(now_datetime(), days=-20)
		frappe.db.set_value(ACTIVITY, acc, "last_new_item_at", long_ago)
		self.poll(acc)  # 304: nothing new
		row = self.row(acc)
		self.assertEqual(row.feed_state, feed_policy.NO_NEW_ITEMS)
		self.assertEqual(get_datetime(row.last_new_item_at), get_datetime(long_ago))

	# ----------------------------------------------------------------------------------- SSRF

	def test_internal_addresses_are_refused_unless_allowed(self):
		for url in (
			f"{self.server.base}/weibo/user/1",
			"http://localhost:9/feed",
			"http://169.254.169.254/latest/meta-data/",
			"http://[::1]/feed",
			"http://10.0.0.8/rss",
			"http://user:pw@example.com/feed",
		):
			with self.subTest(url=url):
				acc = self.account(feed_url=url)
				seen = len(self.server.requests)
				self.poll(acc, allowed=feed_policy.allow_list(""))
				row = self.row(acc)
				self.assertEqual(row.feed_state, feed_policy.FAILING)
				self.assertEqual(len(self.server.requests), seen)  # no request left the poller
				if "://user" not in url:
					self.assertIn("internal address", row.feed_error)
		# a scheme other than http(s) is refused when it is typed
		from socialmedia_governance.monitoring.doctype.account_activity.account_activity import (
			AccountActivityError,
		)

		with self.assertRaises(AccountActivityError):
			self.account(feed_url="ftp://example.com/feed")
		# the allow-list of the settings names the loopback server: fetched
		acc = self.account()
		frappe.clear_document_cache("Monitoring Settings", "Monitoring Settings")
		feeds.poll_accounts([acc], opts=feeds.options())
		self.assertEqual(self.row(acc).feed_state, feed_policy.OK)

	def test_redirects_to_internal_addresses_are_refused_even_from_an_allowed_host(self):
		for fault in ("to-metadata", "to-private"):
			acc = self.account(feed_url=f"{self.server.base}/fault/{fault}")
			self.poll(acc)
			self.assert_failing(acc, "internal address")

	# --------------------------------------------------------------------------------- faults

	def test_http_errors_timeouts_loops_and_silent_hosts_fail_clearly_and_back_off(self):
		cases = {
			"404": "HTTP {0}|404",
			"500": "HTTP {0}|500",
			"slow": "No answer within {0} seconds",
			"loop": "Redirect loop",
			"loop-a": "Redirect loop",
			"malformed": "eed",  # "Not a readable feed" or "Not a feed"
			"html-page": "eed",
		}
		for fault, text in cases.items():
			with self.subTest(fault=fault):
				acc = self.account(feed_url=f"{self.server.base}/fault/{fault}")
				self.poll(acc)
				row = self.assert_failing(acc, text)
				self.assertEqual(row.feed_failures, 1)
				self.assertTrue(error_text(row.feed_error))  # shown in words
		silent = self.account(feed_url=f"{self.server.silent_base}/feed")
		started = now_datetime()
		self.poll(silent)
		self.assertLess((now_datetime() - started).total_seconds(), 10)
		self.assert_failing(silent, "No answer within")

	def test_backoff_doubles_and_a_recovered_feed_is_healthy_again(self):
		acc = self.account(feed_url=f"{self.server.base}/fault/500")
		self.poll(acc)
		first = self.row(acc)
		self.assertAlmostEqual(
			(get_datetime(first.next_poll_at) - get_datetime(first.feed_checked_at)).total_seconds(),
			15 * 60,
			delta=5,
		)
		self.assertNotIn(
			acc, [j.account for j in feeds.due_jobs(now_datetime())]
		)  # not due while backing off
		self.poll(acc)
		second = self.row(acc)
		self.assertEqual(second.feed_failures, 2)
		self.assertEqual(second.failing_since, first.failing_since)  # failing since the first failure
		self.assertAlmostEqual(
			(get_datetime(second.next_poll_at) - get_datetime(second.feed_checked_at)).total_seconds(),
			30 * 60,
			delta=5,
		)
		frappe.db.set_value(ACTIVITY, acc, "feed_url", f"{self.server.base}/weibo/user/recovered")
		self.poll(acc)
		row = self.row(acc)
		self.assertEqual(
			(row.feed_state, row.feed_failures, row.failing_since, row.feed_error),
			(feed_policy.OK, 0, None, None),
		)

	def test_a_50_mb_feed_is_refused_without_reading_it_all(self):
		for fault in ("huge", "huge-chunked"):
			with self.subTest(fault=fault):
				acc = self.account(feed_url=f"{self.server.base}/fault/{fault}")
				self.poll(acc, timeout=10.0)
				self.assert_failing(acc, "larger than")

	def test_a_failure_loses_nothing_already_stored(self):
		acc = self.account()
		self.poll(acc)
		self.assertEqual(frappe.db.count(POST, {"account": acc}), 3)
		frappe.db.set_value(ACTIVITY, acc, "feed_url", f"{self.server.base}/fault/malformed")
		self.poll(acc)
		self.assertEqual(self.row(acc).feed_state, feed_policy.FAILING)
		self.assertEqual(frappe.db.count(POST, {"account": acc}), 3)

	def test_wrong_encodings_are_decoded(self):
		for fault in ("gbk", "gbk-header-lies"):
			with self.subTest(fault=fault):
				acc = self.account(feed_url=f"{self.server.base}/fault/{fault}")
				self.poll(acc)
				self.assertEqual(
					frappe.get_all(POST, filters={"account": acc}, pluck="title"), ["学院召开教学工作会议"]
				)

	def test_dates_in_the_future_or_1970_count_from_when_the_post_was_seen(self):
		acc = self.account(feed_url=f"{self.server.base}/fault/dates")
		before = now_datetime()
		self.poll(acc)
		rows = frappe.get_all(POST, filters={"account": acc}, fields=["title", "published_at"])
		self.assertEqual(len(rows), 3)
		for row in rows:
			self.assertLessEqual(
				abs((get_datetime(row.published_at) - before).total_seconds()), 60, row.title
			)

	def test_html_and_scripts_in_titles_are_stored_as_text(self):
		acc = self.account(feed_url=f"{self.server.base}/fault/hostile")
		self.poll(acc)
		rows = frappe.get_all(POST, filters={"account": acc}, fields=["title", "summary", "link"])
		self.assertEqual(len(rows), 2)
		for row in rows:
			self.assertNotIn("<", row.title + (row.summary or ""))
			self.assertNotIn("javascript:", (row.link or "") + (row.summary or ""))
		self.assertIn("招生简章", [r.title for r in rows][0] + [r.title for r in rows][1])

	def test_a_slow_host_does_not_stall_the_others(self):
		slow = [self.account(feed_url=f"{self.server.silent_base}/feed{n}") for n in range(4)]
		good = [self.account() for _ in range(8)]
		started = now_datetime()
		totals = feeds.poll_accounts(slow + good, opts=options(concurrency=6, timeout=2.0))
		elapsed = (now_datetime() - started).total_seconds()
		self.assertEqual(totals["feeds"], 12)
		self.assertEqual(totals["failed"], 4)
		for acc in good:
			self.assertEqual(self.row(acc).feed_state, feed_policy.OK)
		self.assertLess(elapsed, 10)
