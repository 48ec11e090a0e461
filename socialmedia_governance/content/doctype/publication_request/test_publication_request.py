# Copyright (c) 2026, socialmedia_governance developers and contributors
"""S7, S8, S9, S10, S11, H4.4, H4.7, H5: publication requests as the real users, with screening
against the site's lexicon and the content filing of what was published."""

import frappe
from frappe.exceptions import UpdateAfterSubmitError
from frappe.utils import add_to_date, now_datetime

from socialmedia_governance.content import lexicon
from socialmedia_governance.content.doctype.content_filing.content_filing import ContentFilingError
from socialmedia_governance.content.doctype.publication_request.publication_request import (
	PublicationRequestError,
)
from socialmedia_governance.filing.approval_flow import ApprovalNotAllowedError
from socialmedia_governance.policy import screening
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import make_account, make_active

PR = "Publication Request"
WORDS = (("赌博", "色情赌博暴力", 3), ("代考", "其他", 2), ("考试答案", "其他", 1))


def ensure_words():
	lexicon.seed_categories()
	for term, category, severity in WORDS:
		if not frappe.db.exists("Sensitive Word", {"term_key": screening.term_key(term)}):
			frappe.get_doc(
				{"doctype": "Sensitive Word", "term": term, "category": category, "severity": severity}
			).insert(ignore_permissions=True)


class TestPublicationRequest(SchoolTestCase):
	workflows = True
	doctype = PR

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_words()
		s = cls.s
		cls.acc = make_active(make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}]))
		cls.acc2 = make_active(
			make_account(s.units["kj"], platform="新浪微博", administrators=[{"user": s.u("admin_kj")}])
		)
		cls.class_acc = make_active(
			make_account(s.units["kj_class"], administrators=[{"user": s.u("owner_kj")}])
		)

	# ------------------------------------------------------------ helpers
	def request(
		self, user, accounts=None, category="Sensitive Issue", content="学院召开年度工作会议。", tick=True
	):
		frappe.set_user(user)
		doc = frappe.get_doc(
			{
				"doctype": PR,
				"title": "关于学院工作的说明",
				"category": category,
				"content": content,
				"targets": [{"account": a.name} for a in (accounts or [self.acc])],
			}
		)
		doc.insert()
		if tick:
			for row in doc.checklist:
				row.confirmed = 1
			doc.save()
		return doc

	def filing(self, doc, **values) -> dict:
		"""A Content Filing of what ``doc`` published on the college's account."""
		return {
			"doctype": "Content Filing",
			"publication_request": doc.name,
			"account": self.acc.name,
			"published_url": "https://mp.weixin.qq.com/s/abc123",
			"published_at": now_datetime(),
			**values,
		}

	def justify_and_approve(self, doc, user, justification):
		"""``user`` records why the unresolved hits may stay, then approves."""
		frappe.set_user(user)
		review = frappe.get_doc(PR, doc.name)
		review.screening_justification = justification
		review.save()
		self.act(doc, user, "Approve")

	def assert_supervisor_alone_approves(self, category, supervisor):
		"""A request of ``category`` is routed to the supervisor only, whose approval ends it."""
		s = self.s
		doc = self.request(s.u("admin_kj"), category=category)
		self.assertEqual(doc.route, "Supervisor")
		self.act(doc, s.u("admin_kj"), "Submit for Approval")
		self.act(doc, supervisor, "Approve")
		self.assertEqual(self.state(doc).docstatus, 1)

	# ------------------------------------------------------------ routes
	def test_s7_s8_s10_sensitive_issue_supervisor_then_propaganda_then_content_filing(self):
		s = self.s
		doc = self.request(s.u("admin_kj"), [self.acc, self.acc2])
		self.assertEqual(doc.route, "Supervisor → Propaganda")
		self.assertEqual(doc.supervisor, s.u("kj_dean"))
		self.act(doc, s.u("admin_kj"), "Submit for Approval")
		self.assertEqual(self.state(doc).workflow_state, "Pending Supervisor")
		self.assertEqual(
			set(frappe.db.get_value(PR, doc.name, "current_approvers").split("\n")),
			{s.u("kj_dean"), s.u("kj_sec")},
		)
		# S10: only the supervising leader reviews; the applicant cannot approve
		with self.assertRaises((ApprovalNotAllowedError, frappe.PermissionError, frappe.ValidationError)):
			self.act(doc, s.u("xx_dean"), "Approve")
		with self.assertRaises((ApprovalNotAllowedError, frappe.PermissionError, frappe.ValidationError)):
			self.act(doc, s.u("admin_kj"), "Approve")
		self.act(doc, s.u("kj_dean"), "Approve")
		self.assertEqual(self.state(doc).workflow_state, "Pending Propaganda")
		# S7/S8: the Propaganda Department approves; the supervisor cannot do it too
		with self.assertRaises((ApprovalNotAllowedError, frappe.PermissionError, frappe.ValidationError)):
			self.act(doc, s.u("kj_dean"), "Approve")
		self.act(doc, s.u("xcb_head"), "Approve")
		final = self.state(doc)
		self.assertEqual((final.workflow_state, final.docstatus), ("Approved", 1))

		# S8: the administrator files what was published; the approved text is archived
		frappe.set_user(s.u("admin_kj"))
		filing = frappe.get_doc(self.filing(doc)).insert()
		filing.submit()
		self.assertEqual(filing.content, "学院召开年度工作会议。")
		self.assertEqual(filing.approved_by, s.u("xcb_head"))
		# searchable by its text
		self.assertIn(
			filing.name,
			frappe.get_list("Content Filing", filters={"content": ("like", "%年度工作会议%")}, pluck="name"),
		)
		# archived: no edit, no cancel
		filing.reload()
		filing.published_url = "https://example.com/changed"
		with self.assertRaises((ContentFilingError, UpdateAfterSubmitError)):
			filing.save()
		frappe.set_user(s.u("xcb_head"))  # even the Propaganda Department, who may cancel documents
		with self.assertRaises(ContentFilingError):
			frappe.get_doc("Content Filing", filing.name).cancel()
		frappe.set_user(s.u("admin_kj"))
		# the same publication is not filed twice
		with self.assertRaises(ContentFilingError):
			frappe.get_doc(self.filing(doc)).insert()

	def test_h4_7_major_unit_information_needs_the_supervisor_only(self):
		self.assert_supervisor_alone_approves("Major Unit Information", self.s.u("kj_sec"))

	def test_s10_class_account_is_reviewed_by_its_counsellor(self):
		s = self.s
		doc = self.request(s.u("owner_kj"), [self.class_acc], category="Emergency")
		self.act(doc, s.u("owner_kj"), "Submit for Approval")
		self.assertEqual(frappe.db.get_value(PR, doc.name, "current_approvers"), s.u("fdy_kj"))

	def test_h4_4_charity_appeal_comes_from_an_administrator_and_the_supervisor_reviews(self):
		s = self.s
		frappe.local.lang = "zh"
		with self.assertRaises(PublicationRequestError) as ctx:
			self.request(s.u("kj_dean"), category="Charity Appeal")
		self.assertIn("管理员", str(ctx.exception))
		frappe.local.lang = "en"
		self.assert_supervisor_alone_approves("Advertising", s.u("kj_dean"))

	# ------------------------------------------------------------ attestation (S9, H5, S11)
	def test_s9_h5_s11_checklist_must_be_attested_before_sending(self):
		s = self.s
		doc = self.request(s.u("admin_kj"), tick=False)
		clauses = [r.clause for r in doc.checklist]
		# HUFE 2018 preset: the nine kinds of H5, H4.6, the three S11 points
		self.assertEqual(clauses[:9], [f"H5({i})" for i in range(1, 10)])
		self.assertIn("H4.6", clauses)
		self.assertEqual(clauses.count("S11"), 3)
		frappe.local.lang = "zh"
		with self.assertRaises(PublicationRequestError) as ctx:
			self.act(doc, s.u("admin_kj"), "Submit for Approval")
		self.assertIn("S11", str(ctx.exception))
		self.assertIn("勾选", str(ctx.exception))
		# items cannot be dropped to make attesting easier
		frappe.set_user(s.u("admin_kj"))
		doc.reload()
		doc.checklist = doc.checklist[:2]
		with self.assertRaises(PublicationRequestError):
			doc.save()

	# ------------------------------------------------------------ screening (S9, H5)
	def test_s9_h5_hits_in_context_block_approval_until_resolved_or_justified(self):
		s = self.s
		text = "本平台提供网络赌博平台链接，另有代考试答案出售，还有赌！博和ＡＢ代　考。"
		doc = self.request(s.u("admin_kj"), content=text)
		hits = [(h.term, h.matched) for h in doc.hits]
		# inside a longer word, overlapping words, full-width punctuation and spaces between letters
		self.assertIn(("赌博", "赌博"), hits)
		self.assertIn(("代考", "代考"), hits)
		self.assertIn(("考试答案", "考试答案"), hits)
		self.assertIn(("赌博", "赌！博"), hits)
		self.assertIn(("代考", "代　考"), hits)
		by_term = {h.term: h for h in doc.hits}
		self.assertEqual(by_term["赌博"].category, "色情赌博暴力")
		self.assertIn("【赌博】", doc.hits[0].context)
		self.assertEqual(doc.unresolved_hits, len(doc.hits))
		self.act(doc, s.u("admin_kj"), "Submit for Approval")
		# the supervisor cannot approve with unresolved hits and no justification
		frappe.local.lang = "zh"
		with self.assertRaises(PublicationRequestError) as ctx:
			self.act(doc, s.u("kj_dean"), "Approve")
		self.assertIn("敏感词", str(ctx.exception))
		frappe.local.lang = "en"
		# the applicant cannot resolve hits or justify
		frappe.set_user(s.u("admin_kj"))
		mine = frappe.get_doc(PR, doc.name)
		for row in mine.hits:
			row.resolved = 1
		with self.assertRaises(PublicationRequestError):
			mine.save()
		# the approver resolves some hits: still blocked by the rest
		frappe.set_user(s.u("kj_dean"))
		review = frappe.get_doc(PR, doc.name)
		for row in review.hits:
			if row.term == "考试答案":
				row.resolved, row.resolution_note = 1, "考试答案讲解，非出售"
		review.save()
		self.assertEqual(review.unresolved_hits, len(review.hits) - 1)
		self.assertEqual(next(r for r in review.hits if r.term == "考试答案").resolved_by, s.u("kj_dean"))
		with self.assertRaises(PublicationRequestError):
			self.act(doc, s.u("kj_dean"), "Approve")
		# ... and then records a justification: approval goes through
		self.justify_and_approve(doc, s.u("kj_dean"), "反诈宣传稿，引用案例原文")
		self.assertEqual(self.state(doc).workflow_state, "Pending Propaganda")

	def test_h5_each_step_justifies_unresolved_hits_itself_and_the_record_keeps_who_said_what(self):
		s = self.s
		doc = self.request(s.u("admin_kj"), content="本文讨论网络赌博的危害。")
		self.assertEqual(doc.route, "Supervisor → Propaganda")
		self.assertTrue(doc.unresolved_hits)
		self.act(doc, s.u("admin_kj"), "Submit for Approval")
		self.justify_and_approve(doc, s.u("kj_dean"), "反赌宣传，需引用原词")
		self.assertEqual(self.state(doc).workflow_state, "Pending Propaganda")
		# the supervisor's justification does not carry the Propaganda Department's step
		self.assertFalse(frappe.db.get_value(PR, doc.name, "screening_justification"))
		frappe.local.lang = "zh"
		with self.assertRaises(PublicationRequestError) as refused:
			self.act(doc, s.u("xcb_head"), "Approve")
		self.assertIn("本人填写", str(refused.exception))
		frappe.local.lang = "en"
		self.justify_and_approve(doc, s.u("xcb_head"), "同意：警示教育稿件，已核对语境")
		self.assertEqual(self.state(doc).docstatus, 1)
		steps = [
			(r.step, r.status, r.acted_by, r.justification, r.unresolved_hits)
			for r in frappe.get_doc(PR, doc.name).steps
		]
		hits = doc.unresolved_hits
		self.assertEqual(
			steps,
			[
				("Supervisor", "Approved", s.u("kj_dean"), "反赌宣传，需引用原词", hits),
				("Propaganda", "Approved", s.u("xcb_head"), "同意：警示教育稿件，已核对语境", hits),
			],
		)

	def test_s9_a_new_lexicon_word_is_screened_at_once(self):
		s = self.s
		word = f"测试敏感{frappe.generate_hash(length=4)}"
		doc = self.request(s.u("admin_kj"), content=f"这里有{word}。")
		self.assertEqual(doc.unresolved_hits, 0)
		frappe.set_user("Administrator")
		result = lexicon.import_words(f"{word}\n{word.upper()}\n\n# comment", "其他")
		self.assertEqual(result, {"added": 1, "skipped": 1})
		frappe.set_user(s.u("admin_kj"))
		doc.reload()
		doc.save()
		self.assertEqual([h.term for h in doc.hits], [word])

	def test_s9_lexicon_import_and_edit_errors_are_clear(self):
		frappe.local.lang = "zh"
		with self.assertRaises(lexicon.LexiconError) as ctx:
			lexicon.import_words("词一,不存在的类别", "其他")
		self.assertIn("不存在的类别", str(ctx.exception))
		with self.assertRaises(lexicon.LexiconError) as ctx:
			lexicon.import_words("词一,其他,高", "其他")
		self.assertIn("严重程度", str(ctx.exception))
		with self.assertRaises(lexicon.LexiconError):
			frappe.get_doc({"doctype": "Sensitive Word", "term": "！！", "category": "其他"}).insert()
		with self.assertRaises(lexicon.LexiconError) as ctx:
			frappe.get_doc({"doctype": "Sensitive Word", "term": "代 考", "category": "其他"}).insert()
		self.assertIn("已在词库中", str(ctx.exception))
		# only the Propaganda Department edits the lexicon
		frappe.set_user(self.s.u("admin_kj"))
		with self.assertRaises(frappe.PermissionError):
			lexicon.import_words("随便", "其他")

	# ------------------------------------------------------------ bad input
	def test_bad_input_is_refused_with_clear_errors(self):
		s = self.s
		frappe.local.lang = "zh"
		with self.assertRaises(PublicationRequestError) as ctx:
			self.request(s.u("admin_kj"), content="   ")
		self.assertIn("正文", str(ctx.exception))
		other = make_active(make_account(s.units["xx"], administrators=[{"user": s.u("admin_kj")}]))
		with self.assertRaises(PublicationRequestError):
			self.request(s.u("admin_kj"), [self.acc, other])
		draft = make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}])
		with self.assertRaises(PublicationRequestError):
			self.request(s.u("admin_kj"), [draft])
		frappe.set_user(s.u("admin_kj"))
		with self.assertRaises(PublicationRequestError):
			frappe.get_doc(
				{
					"doctype": PR,
					"title": "过期",
					"category": "Emergency",
					"content": "内容",
					"planned_time": add_to_date(now_datetime(), days=-1),
					"targets": [{"account": self.acc.name}],
				}
			).insert()
		# nobody edits what is being approved
		doc = self.request(s.u("admin_kj"))
		self.act(doc, s.u("admin_kj"), "Submit for Approval")
		frappe.set_user(s.u("kj_dean"))
		pending = frappe.get_doc(PR, doc.name)
		pending.content = "被改过的内容"
		with self.assertRaises(PublicationRequestError):
			pending.save()
		# a filing for an account that was not a target, or with a bad link
		self.act(doc, s.u("kj_dean"), "Approve")
		self.act(doc, s.u("xcb_head"), "Approve")
		frappe.set_user(s.u("admin_kj"))
		for values in (
			{"account": self.acc2.name, "published_url": "https://weibo.com/1"},
			{"account": self.acc.name, "published_url": "weixin://abc"},
			{
				"account": self.acc.name,
				"published_url": "https://weibo.com/1",
				"published_at": add_to_date(now_datetime(), hours=2),
			},
		):
			with self.assertRaises(ContentFilingError):
				frappe.get_doc(self.filing(doc, **values)).insert()
		# an approved request is not cancelled
		frappe.set_user(s.u("xcb_head"))
		with self.assertRaises(PublicationRequestError):
			frappe.get_doc(PR, doc.name).cancel()

	def test_row_level_access_unit_b_sees_nothing_of_unit_a(self):
		s = self.s
		doc = self.request(s.u("admin_kj"))
		frappe.set_user(s.u("xx_dean"))
		self.assertNotIn(doc.name, frappe.get_list(PR, pluck="name"))
		self.assertFalse(frappe.has_permission(PR, "read", doc=doc.name))
		frappe.set_user(s.u("kj_dean"))
		self.assertIn(doc.name, frappe.get_list(PR, pluck="name"))
		frappe.set_user(s.u("auditor"))
		self.assertIn(doc.name, frappe.get_list(PR, pluck="name"))
