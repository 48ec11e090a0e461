# Copyright (c) 2026, socialmedia_governance developers and contributors
"""S16, H7.3: the December review campaign, routing by tier, outcomes and their consequences."""

import frappe
from frappe.utils import add_days, today

from socialmedia_governance.registry.register import allow_process_update
from socialmedia_governance.review import campaign as campaigns
from socialmedia_governance.review import tally
from socialmedia_governance.review.doctype.annual_review.annual_review import AnnualReviewError, submit_report
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import make_account, make_active, make_group

YEAR = 2031


class TestAnnualReview(SchoolTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		s = cls.s
		admins = [{"user": s.u("admin_kj")}]
		cls.acc = {
			key: make_active(make_account(s.units[key], administrators=admins)).name
			for key in ("school", "kj", "kj_class", "club")
		}
		cls.draft = make_account(s.units["kj"]).name
		cls.filed_group = make_active(make_group(s.units["kj_class"], s.u("owner_kj"), member_count=80)).name
		cls.small_group = make_active(
			make_group(s.units["kj_class"], s.u("owner_kj"), member_count=8), filed=False
		).name
		cls.campaign = campaigns.open_campaign(YEAR, run_now=True)

	def review_of(self, platform):
		return frappe.get_doc("Annual Review", f"{self.campaign}-{platform}")

	def test_s16_h7_3_campaign_creates_one_review_per_active_account_and_filed_group(self):
		reviewed = set(
			frappe.get_all("Annual Review", filters={"campaign": self.campaign}, pluck="platform_record")
		)
		self.assertTrue(set(self.acc.values()) | {self.filed_group} <= reviewed)
		self.assertNotIn(self.draft, reviewed)
		self.assertNotIn(self.small_group, reviewed)
		doc = frappe.get_doc("Annual Review Campaign", self.campaign)
		self.assertEqual((str(doc.open_date), str(doc.due_date)), (f"{YEAR}-12-01", f"{YEAR}-12-31"))
		self.assertEqual(doc.total_reviews, frappe.db.count("Annual Review", {"campaign": self.campaign}))

	def test_s16_rerunning_never_duplicates_and_adds_new_platforms(self):
		before = frappe.db.count("Annual Review", {"campaign": self.campaign})
		self.assertEqual(campaigns.create_reviews(self.campaign), 0)
		self.assertEqual(frappe.db.count("Annual Review", {"campaign": self.campaign}), before)
		late = make_active(make_account(self.s.units["xx"]))
		self.assertEqual(campaigns.create_reviews(self.campaign), 1)
		self.assertTrue(frappe.db.exists("Annual Review", f"{self.campaign}-{late.name}"))

	def test_a_second_campaign_for_the_same_year_is_refused(self):
		with self.assertRaises(campaigns.CampaignError):
			frappe.get_doc({"doctype": "Annual Review Campaign", "year": YEAR}).insert()

	def test_h7_3_reviewer_by_tier(self):
		s = self.s
		expected = {
			"school": s.u("xcb_head"),
			"kj": s.u("xcb_head"),
			"kj_class": s.u("kj_dean"),
			"club": s.u("tw_head"),
		}
		for key, reviewer in expected.items():
			review = self.review_of(self.acc[key])
			self.assertEqual(review.reviewer, reviewer, key)
			self.assertEqual(
				review.reviewer_kind, "Propaganda Department" if review.tier < 3 else "Tier-2 Unit Head"
			)
		self.assertEqual(self.review_of(self.filed_group).reviewer, s.u("kj_dean"))

	def test_s16_progress_report_counts_what_each_viewer_may_read_once(self):
		"""Annual Review Progress adds up each alternative of a viewer's row rule apart
		(permissions.report_parts). For every user of the school, its counts per unit and tier are
		those of the reviews Frappe's own list lets that user read: a dean reviewing reviews of his
		own college counts them once, and a counsellor asked to review an account outside her
		class sees that review too."""
		from socialmedia_governance.review.report.annual_review_progress.annual_review_progress import (
			data,
			execute,
		)

		outside = self.review_of(self.acc["school"])
		self.set_reviewer(outside.name, self.s.u("fdy_xx"))
		try:
			for key, user in self.s.users.items():
				frappe.set_user(user)
				if not frappe.has_permission("Annual Review", "read"):
					self.assertRaises(frappe.PermissionError, execute, {"campaign": self.campaign})
					continue
				readable = frappe.get_list(
					"Annual Review",
					filters={"campaign": self.campaign},
					fields=["name", "tier2_unit", "tier", "status", "outcome", "is_overdue"],
					limit_page_length=0,
				)
				expected = {}
				for r in readable:
					counts = expected.setdefault((r.tier2_unit, r.tier), [0] * 4)
					counts[0] += 1
					counts[1] += r.status != "Pending Report"
					counts[2] += r.outcome == "Pass"
					counts[3] += bool(r.is_overdue and r.status == "Pending Report")
				_columns, rows = execute({"campaign": self.campaign})
				got = {(r.tier2_unit, r.tier): [r.total, r.submitted, r.passed, r.overdue] for r in rows}
				self.assertEqual(got, expected, key)
				# read from the tally and read from the reviews alone: the same rows
				self.assertEqual(rows, data(frappe._dict(campaign=self.campaign), from_tally=False), key)
				if key == "fdy_xx":
					self.assertIn(outside.name, {r.name for r in readable})
				if key == "kj_dean":
					self.assertIn(self.review_of(self.acc["kj_class"]).name, {r.name for r in readable})
		finally:
			frappe.set_user("Administrator")
			self.set_reviewer(outside.name, outside.reviewer)

	def set_reviewer(self, name, reviewer):
		doc = frappe.get_doc("Annual Review", name)
		doc.reviewer = reviewer
		doc.save(ignore_permissions=True)

	def live_tally(self, campaign):
		"""The reviews of ``campaign`` counted now, as the tally keeps them."""
		keys = ", ".join(f"`{k}`" for k in tally.KEYS)
		return sorted(
			frappe.db.sql(
				f"select {keys}, count(*) from `tabAnnual Review` where `campaign` = %s group by {keys}",
				campaign,
			)
		)

	def kept_tally(self, campaign):
		keys = ", ".join(f"`{k}`" for k in tally.KEYS)
		return sorted(
			frappe.db.sql(
				f"select {keys}, `reviews` from `tabAnnual Review Tally` where `campaign` = %s", campaign
			)
		)

	def test_the_tally_counts_the_reviews_as_they_change(self):
		"""Every write the app makes to reviews keeps the tally equal to the reviews counted now: the
		campaign's creation, a report submitted, an outcome recorded (a rectify opens a re-review),
		a review deleted; a write outside the app's code is healed by the nightly overdue run. The
		campaign's totals are added up from it."""
		self.assertEqual(self.kept_tally(self.campaign), self.live_tally(self.campaign))
		self.assertTrue(self.kept_tally(self.campaign))
		late = make_active(make_account(self.s.units["kj"], administrators=[{"user": self.s.u("admin_kj")}]))
		self.assertEqual(campaigns.create_reviews(self.campaign), 1)
		self.assertEqual(self.kept_tally(self.campaign), self.live_tally(self.campaign))
		review = self.review_of(late.name)
		review.self_assessment = "本年度运行正常。"
		review.save(ignore_permissions=True)
		submit_report(review.name)
		self.assertEqual(self.kept_tally(self.campaign), self.live_tally(self.campaign))
		review.reload()
		review.outcome = "Rectify"
		review.rectify_deadline = add_days(today(), 30)
		review.reviewer_comments = "请补充培训记录。"
		review.save(ignore_permissions=True)
		self.assertTrue(frappe.db.exists("Annual Review", f"{review.name}-R"))
		self.assertEqual(self.kept_tally(self.campaign), self.live_tally(self.campaign))
		frappe.delete_doc("Annual Review", f"{review.name}-R", ignore_permissions=True)
		self.assertEqual(self.kept_tally(self.campaign), self.live_tally(self.campaign))
		# a raw write (a script, a console) leaves the tally behind until the nightly run
		frappe.db.set_value("Annual Review", review.name, "is_overdue", 1)
		self.assertNotEqual(self.kept_tally(self.campaign), self.live_tally(self.campaign))
		campaigns.mark_overdue()
		self.assertEqual(self.kept_tally(self.campaign), self.live_tally(self.campaign))
		doc = frappe.get_doc("Annual Review Campaign", self.campaign)
		self.assertEqual(doc.total_reviews, frappe.db.count("Annual Review", {"campaign": self.campaign}))
		self.assertEqual(
			doc.overdue_reviews,
			frappe.db.count("Annual Review", {"campaign": self.campaign, "is_overdue": 1}),
		)

	def test_s16_tier3_reviewed_by_propaganda_under_the_sctbc_preset(self):
		settings = frappe.get_single("Governance Settings")
		settings.tier3_reviewer = "Propaganda Department"
		settings.save()
		try:
			name = campaigns.open_campaign(YEAR + 1, run_now=True)
			self.assertEqual(
				frappe.db.get_value("Annual Review", f"{name}-{self.acc['kj_class']}", "reviewer"),
				self.s.u("xcb_head"),
			)
		finally:
			settings.reload()
			settings.tier3_reviewer = "Tier-2 Unit Head"
			settings.save()

	def fill_and_submit(self, review, user=None):
		frappe.set_user(user or self.s.u("admin_kj"))
		review = frappe.get_doc("Annual Review", review.name)
		review.posts_in_year, review.followers, review.training_sessions = 120, 3500, 2
		review.self_assessment = "全年发布内容均经审核，变更均已报备。"
		review.save()
		submit_report(review.name)
		frappe.set_user("Administrator")
		return frappe.get_doc("Annual Review", review.name)

	def decide(self, review, user, outcome, **values):
		frappe.set_user(user)
		try:
			doc = frappe.get_doc("Annual Review", review.name)
			doc.outcome = outcome
			doc.update(values)
			doc.save()
			return doc
		finally:
			frappe.set_user("Administrator")

	def test_s16_pass(self):
		review = self.fill_and_submit(self.review_of(self.acc["kj"]))
		self.assertEqual(review.status, "Submitted")
		done = self.decide(review, self.s.u("xcb_head"), "Pass")
		self.assertEqual((done.status, done.reviewed_by), ("Reviewed", self.s.u("xcb_head")))
		self.assertEqual(frappe.db.get_value("Social Media Account", self.acc["kj"], "status"), "Active")

	def test_s16_rectify_needs_a_deadline_and_creates_a_re_review(self):
		review = self.fill_and_submit(self.review_of(self.acc["kj_class"]))
		with self.assertRaises(AnnualReviewError):
			self.decide(review, self.s.u("kj_dean"), "Rectify")
		deadline = add_days(today(), 30)
		self.decide(review, self.s.u("kj_dean"), "Rectify", rectify_deadline=deadline)
		again = frappe.get_doc("Annual Review", f"{review.name}-R")
		self.assertEqual(
			(again.status, str(again.due_date), again.re_review_of), ("Pending Report", deadline, review.name)
		)

	def test_s16_h7_3_fail_suspends_the_platform(self):
		review = self.fill_and_submit(self.review_of(self.filed_group), user=self.s.u("owner_kj"))
		self.decide(review, self.s.u("kj_dean"), "Fail", reviewer_comments="全年未开展群规教育")
		self.assertEqual(frappe.db.get_value("Social Media Group", self.filed_group, "status"), "Suspended")
		closure = frappe.db.get_value(
			"Closure Request",
			{"platform_record": self.filed_group, "docstatus": 0},
			["ordered_by_review", "owner_unit"],
			as_dict=True,
		)
		self.assertEqual((closure.ordered_by_review, closure.owner_unit), (1, self.s.units["kj_class"]))

	def test_outcome_only_from_the_resolved_reviewer(self):
		review = self.fill_and_submit(self.review_of(self.acc["club"]))
		with self.assertRaises(frappe.PermissionError):
			self.decide(review, self.s.u("kj_dean"), "Pass")
		self.assertEqual(frappe.db.get_value("Annual Review", review.name, "status"), "Submitted")

	def test_reviewing_ones_own_account_is_refused(self):
		s = self.s
		acc = make_active(make_account(s.units["xx_class"], administrators=[{"user": s.u("xx_dean")}]))
		campaigns.create_reviews(self.campaign)
		review = self.fill_and_submit(self.review_of(acc.name), user=s.u("xx_dean"))
		self.assertEqual(review.reviewer, s.u("xx_dean"))
		with self.assertRaises(AnnualReviewError):
			self.decide(review, s.u("xx_dean"), "Pass")

	def test_no_report_for_a_closed_account(self):
		review = self.review_of(self.acc["school"])
		acc = frappe.get_doc("Social Media Account", self.acc["school"])
		allow_process_update(acc)
		acc.status = "Closed"
		acc.save(ignore_permissions=True)
		review.self_assessment = "已注销"
		with self.assertRaises(AnnualReviewError):
			review.save()

	def test_s16_overdue_reports_are_flagged(self):
		flagged = campaigns.mark_overdue(f"{YEAR + 1}-01-02")
		self.assertGreater(flagged, 0)
		pending = frappe.get_all(
			"Annual Review",
			filters={"campaign": self.campaign, "status": "Pending Report"},
			pluck="is_overdue",
		)
		self.assertTrue(pending and all(pending))
		submitted = frappe.get_all(
			"Annual Review",
			filters={"campaign": self.campaign, "status": ["!=", "Pending Report"]},
			pluck="is_overdue",
		)
		self.assertFalse(any(submitted))

	def test_s16_progress_report_per_unit_and_notice_list(self):
		from socialmedia_governance.review.report.annual_review_progress.annual_review_progress import execute

		campaigns.mark_overdue(f"{YEAR + 1}-01-02")
		_columns, rows = execute({"campaign": self.campaign})
		kj = [r for r in rows if r.tier2_unit == self.s.units["kj"]]
		self.assertTrue(kj)
		self.assertEqual(
			sum(r.total for r in kj),
			frappe.db.count("Annual Review", {"campaign": self.campaign, "tier2_unit": self.s.units["kj"]}),
		)
		_columns, notice = execute({"campaign": self.campaign, "only_problems": 1})
		self.assertTrue(notice and all(r.overdue or r.failed for r in notice))
		# a counsellor sees only the rows of her classes
		frappe.set_user(self.s.u("fdy_kj"))
		_columns, mine = execute({"campaign": self.campaign})
		self.assertEqual({r.tier2_unit for r in mine}, {self.s.units["kj"]})
		self.assertEqual(
			sum(r.total for r in mine),
			frappe.db.count(
				"Annual Review", {"campaign": self.campaign, "owner_unit": self.s.units["kj_class"]}
			),
		)
