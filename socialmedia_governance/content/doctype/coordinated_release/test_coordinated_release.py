# Copyright (c) 2026, socialmedia_governance developers and contributors
"""H8: coordinated releases targeted by tier, unit and platform; confirmation, stragglers."""

import frappe
from frappe.utils import add_to_date, now_datetime

from socialmedia_governance.content.doctype.coordinated_release.coordinated_release import (
	CoordinatedReleaseError,
	confirm_publication,
)
from socialmedia_governance.content.doctype.release_task.release_task import ReleaseTaskError
from socialmedia_governance.content.jobs import mark_overdue
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import (
	ensure_outgoing_email_account,
	make_account,
	make_active,
	queued_recipients,
)

CR = "Coordinated Release"
TASK = "Release Task"


class TestCoordinatedRelease(SchoolTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()
		s = cls.s
		admin = [{"user": s.u("admin_kj")}]
		cls.kj_wx = make_active(make_account(s.units["kj"], administrators=admin))
		cls.kj_wb = make_active(make_account(s.units["kj"], platform="新浪微博", administrators=admin))
		cls.xsh_wx = make_active(make_account(s.units["kj_xsh"], administrators=[{"user": s.u("owner_kj")}]))
		cls.xx_wx = make_active(make_account(s.units["xx"], administrators=[{"user": s.u("owner_kj")}]))
		cls.kj_draft = make_account(s.units["kj"], administrators=admin)  # not active: never targeted

	def draft(self, **values):
		"""A release the Propaganda Department drafted (due in two hours), not issued yet."""
		frappe.set_user(self.s.u("xcb_head"))
		doc = frappe.get_doc(
			{
				"doctype": CR,
				"title": "关于暴雨天气停课的统一发布",
				"content": "因暴雨红色预警，全校明日停课一天。",
				"deadline": add_to_date(now_datetime(), hours=2),
				**values,
			}
		)
		doc.insert()
		return doc

	def issue(self, **values):
		doc = self.draft(**values)
		doc.submit()
		return doc

	def tasks(self, release):
		return {
			t.account: t
			for t in frappe.get_all(TASK, filters={"release": release}, fields=["name", "account", "status"])
		}

	def test_h8_target_count_is_shown_before_issue_and_the_name_is_not_a_change_reports(self):
		s = self.s
		doc = self.draft(
			title="统一发布草稿",
			content="草稿",
			tier_2=1,
			tier_3=1,
			units=[{"unit": s.units["kj"]}],
			include_subunits=1,
		)
		self.assertEqual(doc.targeted, 3)  # kj_wx, kj_wb, xsh_wx: counted on save, before any task exists
		self.assertFalse(frappe.db.exists(TASK, {"release": doc.name}))
		self.assertTrue(doc.name.startswith("REL-"), doc.name)  # change reports are CR-
		doc.units = []
		doc.append("units", {"unit": s.units["xx"]})
		doc.save()
		self.assertEqual(doc.targeted, 1)
		doc.submit()
		self.assertEqual(frappe.db.get_value(CR, doc.name, "targeted"), 1)

	def test_h8_targets_by_tier_unit_and_platform(self):
		s = self.s
		units = [{"unit": s.units["kj"]}, {"unit": s.units["xx"]}]
		# tiers 2 and 3 of two colleges and their sub-units
		doc = self.issue(tier_1=0, tier_2=1, tier_3=1, units=units)
		self.assertEqual(
			set(self.tasks(doc.name)), {self.kj_wx.name, self.kj_wb.name, self.xsh_wx.name, self.xx_wx.name}
		)
		self.assertEqual(frappe.db.get_value(CR, doc.name, "targeted"), 4)
		# tier 2 only, WeChat only, one college without its sub-units
		doc = self.issue(
			tier_1=0,
			tier_2=1,
			tier_3=0,
			units=[{"unit": s.units["kj"]}],
			include_subunits=0,
			platforms=[{"platform": "微信公众号"}],
		)
		self.assertEqual(set(self.tasks(doc.name)), {self.kj_wx.name})
		# the administrator sees the task of her account, the other college's head does not
		frappe.set_user(s.u("admin_kj"))
		self.assertEqual(
			frappe.get_list(TASK, filters={"release": doc.name}, pluck="account"), [self.kj_wx.name]
		)
		frappe.set_user(s.u("xx_dean"))
		self.assertEqual(frappe.get_list(TASK, filters={"release": doc.name}, pluck="account"), [])

	def test_h8_confirmation_progress_stragglers_and_overdue(self):
		s = self.s
		doc = self.issue(tier_1=0, tier_2=1, tier_3=1, units=[{"unit": s.units["kj"]}])
		self.assertEqual(len(self.tasks(doc.name)), 3)
		# the administrator confirms one account with its link
		frappe.set_user(s.u("admin_kj"))
		status = confirm_publication(doc.name, self.kj_wx.name, "https://mp.weixin.qq.com/s/rain")
		self.assertEqual(status, "Published")
		released = frappe.get_doc(CR, doc.name)
		self.assertEqual((released.targeted, released.published, released.completion_rate), (3, 1, 33.3))
		# confirming for an account that was not targeted
		frappe.local.lang = "zh"
		with self.assertRaises(CoordinatedReleaseError) as ctx:
			confirm_publication(doc.name, self.xx_wx.name, "https://weibo.com/1")
		self.assertIn("发布对象", str(ctx.exception))
		# a link that is not a URL; someone else's account
		with self.assertRaises(ReleaseTaskError):
			confirm_publication(doc.name, self.kj_wb.name, "微博上发了")
		frappe.set_user(s.u("fdy_xx"))
		with self.assertRaises(frappe.PermissionError):
			confirm_publication(doc.name, self.kj_wb.name, "https://weibo.com/2")
		# stragglers: one email per administrator listing her unconfirmed accounts
		frappe.set_user(s.u("xcb_head"))
		frappe.db.delete("Email Queue", {"reference_name": doc.name})
		sent = frappe.get_doc(CR, doc.name).remind_stragglers()
		self.assertEqual(sent, 2)  # admin_kj (微博) and owner_kj (学生会)
		self.assertEqual(queued_recipients(CR, doc.name), {s.u("admin_kj"), s.u("owner_kj")})
		self.assertEqual(frappe.db.count("Email Queue", {"reference_name": doc.name}), 2)
		# past the deadline the hourly job flags the stragglers; late confirmation is marked late
		frappe.db.set_value(TASK, {"release": doc.name}, "deadline", add_to_date(now_datetime(), hours=-1))
		mark_overdue()
		statuses = {a: t.status for a, t in self.tasks(doc.name).items()}
		self.assertEqual(statuses[self.kj_wb.name], "Overdue")
		self.assertEqual(statuses[self.kj_wx.name], "Published")
		frappe.set_user(s.u("admin_kj"))
		self.assertEqual(
			confirm_publication(doc.name, self.kj_wb.name, "https://weibo.com/rain"), "Published Late"
		)
		# a confirmed publication is not withdrawn
		task = frappe.get_doc(TASK, self.tasks(doc.name)[self.kj_wb.name].name)
		task.published_url = ""
		with self.assertRaises(ReleaseTaskError):
			task.save()

	def test_h8_progress_report_per_unit(self):
		from socialmedia_governance.content.report.coordinated_release_progress.coordinated_release_progress import (
			execute,
		)

		s = self.s
		doc = self.issue(tier_1=0, tier_2=1, tier_3=1, units=[{"unit": s.units["kj"]}])
		frappe.set_user(s.u("admin_kj"))
		confirm_publication(doc.name, self.kj_wx.name, "https://mp.weixin.qq.com/s/r2")
		frappe.set_user(s.u("xcb_head"))
		_columns, rows, _message, _chart, summary = execute({"release": doc.name})
		by_unit = {r["owner_unit"]: r for r in rows}
		self.assertEqual((by_unit[s.units["kj"]]["targeted"], by_unit[s.units["kj"]]["published"]), (2, 1))
		self.assertEqual(by_unit[s.units["kj"]]["completion_rate"], 50.0)
		self.assertEqual(by_unit[s.units["kj_xsh"]]["pending"], 1)
		# the release's overall rate is its published share of all tasks, not a mean of the units'
		targeted = sum(r["targeted"] for r in rows)
		published = sum(r["published"] for r in rows)
		cards = {card["label"]: card["value"] for card in summary}
		self.assertEqual(cards[frappe._("Targeted Accounts")], targeted)
		self.assertEqual(cards[frappe._("Completion Rate")], round(100.0 * published / targeted, 1))
		self.assertNotEqual(
			cards[frappe._("Completion Rate")], round(sum(r["completion_rate"] for r in rows) / len(rows), 1)
		)

	def test_h8_bad_input(self):
		frappe.local.lang = "zh"
		with self.assertRaises(CoordinatedReleaseError) as ctx:
			self.issue(deadline=add_to_date(now_datetime(), hours=-1))
		self.assertIn("发布时限", str(ctx.exception))
		with self.assertRaises(CoordinatedReleaseError):
			self.issue(tier_1=0, tier_2=0, tier_3=0)
		with self.assertRaises(CoordinatedReleaseError):
			self.issue(content="  ")
		# only the Propaganda Department issues releases
		frappe.set_user(self.s.u("kj_dean"))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{
					"doctype": CR,
					"title": "x",
					"content": "y",
					"deadline": add_to_date(now_datetime(), hours=1),
				}
			).insert()
