# Copyright (c) 2026, socialmedia_governance developers and contributors
"""H4.5, H10.1, H10.2, H10.3, S17, S18: violations, penalty escalation, award bans, eligibility."""

import frappe
from frappe.utils import add_days, add_months, getdate, today

from socialmedia_governance.discipline.categories import seed_violation_categories
from socialmedia_governance.discipline.doctype.award_ban.award_ban import AwardBanError
from socialmedia_governance.discipline.doctype.violation.violation import ViolationError
from socialmedia_governance.discipline.eligibility import check
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import (
	ensure_outgoing_email_account,
	make_account,
	make_active,
	make_group,
	make_user,
	queued_recipients,
)

V = "Violation"


def ban_from_today(user, end_date, **values):
	"""Bar ``user`` from awards from today to ``end_date`` (inserted as the session user)."""
	return frappe.get_doc(
		{
			"doctype": "Award Ban",
			"subject_type": "User",
			"subject": user,
			"start_date": today(),
			"end_date": end_date,
			**values,
		}
	).insert()


class TestViolation(SchoolTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		seed_violation_categories()
		ensure_outgoing_email_account()
		s = cls.s
		cls.group = make_active(make_group(s.units["kj_class"], s.u("owner_kj"), member_count=60))
		cls.acc = make_active(make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}]))
		cls.member = make_user(f"member-{s.suffix}@test.example.com", first_name="学生甲")

	def decide(self, category, platform=None, persons=None, submit=True, **values):
		frappe.set_user(self.s.u("xcb_head"))
		platform = platform or self.group
		doc = frappe.get_doc(
			{
				"doctype": V,
				"platform_doctype": platform.doctype,
				"platform_record": platform.name,
				"category": category,
				"found_on": today(),
				"description": "群内发生违规行为",
				"persons": persons or [],
				**values,
			}
		).insert()
		if submit:
			doc.submit()
		frappe.set_user("Administrator")
		return doc

	def member_row(self, **values):
		return {"user": self.member, "role_in_platform": "Member", **values}

	# ------------------------------------------------------------ H10.2
	def test_h10_2_first_warning_second_serious_warning_then_removal(self):
		self.group = make_active(make_group(self.s.units["kj_class"], self.s.u("owner_kj"), member_count=52))
		first = self.decide("人身攻击", persons=[self.member_row()])
		self.assertEqual((first.persons[0].prior_penalties, first.persons[0].penalty), (0, "Warning"))
		second = self.decide("侮辱他人", persons=[self.member_row()])
		self.assertEqual(
			(second.persons[0].prior_penalties, second.persons[0].penalty), (1, "Serious Warning")
		)
		third = self.decide("曝光个人隐私", persons=[self.member_row()])
		self.assertEqual(third.persons[0].penalty, "Removal")
		# the history is per platform: on another platform the same person starts with a warning
		other = self.decide("人身攻击", platform=self.acc, persons=[self.member_row()])
		self.assertEqual(other.persons[0].penalty, "Warning")

	def test_h10_2_serious_case_is_removal_at_once(self):
		group = make_active(make_group(self.s.units["kj_class"], self.s.u("owner_kj"), member_count=55))
		doc = self.decide("组织闹事", platform=group, persons=[self.member_row()])
		self.assertEqual(doc.persons[0].penalty, "Removal")

	def test_h10_2_override_needs_a_reason(self):
		group = make_active(make_group(self.s.units["kj_class"], self.s.u("owner_kj"), member_count=55))
		frappe.local.lang = "zh"
		with self.assertRaises(ViolationError) as ctx:
			self.decide("人身攻击", platform=group, persons=[self.member_row(penalty="Serious Warning")])
		self.assertIn("理由", str(ctx.exception))
		doc = self.decide(
			"人身攻击",
			platform=group,
			persons=[self.member_row(penalty="Serious Warning", override_reason="情节较重，多次私信辱骂")],
		)
		self.assertEqual(
			(doc.persons[0].proposed_penalty, doc.persons[0].penalty), ("Warning", "Serious Warning")
		)

	# ------------------------------------------------------------ H4.5
	def test_h4_5_privacy_attack_insult_and_trouble_are_violation_categories(self):
		for name in ("曝光个人隐私", "人身攻击", "侮辱他人", "组织闹事"):
			self.assertEqual(frappe.db.get_value("Violation Category", name, "clause"), "H4.5")
		group = make_active(make_group(self.s.units["kj_class"], self.s.u("owner_kj"), member_count=57))
		doc = self.decide("曝光个人隐私", platform=group, persons=[self.member_row()])
		self.assertEqual((doc.docstatus, doc.persons[0].penalty), (1, "Warning"))
		# organising trouble is a serious case: removal at once
		trouble = self.decide("组织闹事", platform=group, persons=[self.member_row()])
		self.assertEqual(trouble.persons[0].penalty, "Removal")

	# ------------------------------------------------------------ H10.1, S18
	def test_h10_1_s18_poor_management_bans_people_and_units_and_suspends(self):
		s = self.s
		group = make_active(make_group(s.units["kj_class"], s.u("owner_kj"), member_count=80))
		doc = self.decide("管理不善造成不良影响", platform=group, platform_action="Suspend")
		self.assertEqual(frappe.db.get_value("Social Media Group", group.name, "status"), "Suspended")
		bans = frappe.get_all(
			"Award Ban", filters={"violation": doc.name}, fields=["subject", "start_date", "end_date"]
		)
		subjects = {b.subject for b in bans}
		# the group owner, the supervisor (counsellor), the class and its college
		self.assertEqual(subjects, {s.u("owner_kj"), s.u("fdy_kj"), s.units["kj_class"], s.units["kj"]})
		self.assertEqual(getdate(bans[0].end_date), add_days(add_months(getdate(today()), 12), -1))
		# the persons concerned were told
		self.assertTrue({s.u("owner_kj"), s.u("fdy_kj")} <= queued_recipients(V, doc.name))

	def test_h10_1_closure_is_opened_for_a_closed_platform(self):
		acc = make_active(make_account(self.s.units["kj"], administrators=[{"user": self.s.u("admin_kj")}]))
		doc = self.decide("管理不善造成不良影响", platform=acc, platform_action="Close", award_ban=0)
		self.assertEqual(doc.award_ban, 1)  # H10.1 bars them whatever the form said
		closure = frappe.db.get_value(
			"Closure Request", {"platform_record": acc.name, "docstatus": 0}, ["name", "reason"], as_dict=True
		)
		self.assertTrue(closure and doc.name in closure.reason)
		self.assertIn(
			self.s.u("admin_kj"),
			frappe.get_all("Award Ban", filters={"violation": doc.name}, pluck="subject"),
		)

	def test_h10_1_eligibility_before_inside_and_after_the_ban(self):
		s = self.s
		group = make_active(make_group(s.units["xx_class"], s.u("owner_kj"), member_count=70))
		doc = self.decide("管理不善造成不良影响", platform=group)
		start = getdate(doc.decided_on)
		before = check(s.u("fdy_xx"), str(add_days(start, -1)))
		inside = check(s.u("fdy_xx"), str(add_days(start, 100)))
		after = check(s.u("fdy_xx"), str(add_months(start, 12)))
		self.assertTrue(before["eligible"])
		self.assertFalse(inside["eligible"])
		self.assertEqual(inside["until"], str(add_days(add_months(start, 12), -1)))
		self.assertTrue(after["eligible"])
		# unit bans reach the class and its college, not a sibling class or the school
		self.assertFalse(check(s.units["xx_class"], str(add_days(start, 1)))["eligible"])
		self.assertFalse(check(s.units["xx"], str(add_days(start, 1)))["eligible"])
		self.assertTrue(check(s.units["kj_class"], str(add_days(start, 1)))["eligible"])
		self.assertTrue(check(s.units["school"], str(add_days(start, 1)))["eligible"])
		# the barred list of the day names them; a unit head may ask, an account administrator may not
		from socialmedia_governance.discipline.report.barred_list.barred_list import execute

		frappe.set_user(s.u("xx_dean"))
		rows = execute({"date": str(add_days(start, 1))})[1]
		self.assertTrue({s.u("fdy_xx"), s.units["xx_class"]} <= {r.subject for r in rows})
		self.assertTrue(check(s.u("fdy_xx"))["bans"])
		frappe.set_user(s.u("admin_kj"))
		with self.assertRaises(frappe.PermissionError):
			check(s.u("fdy_xx"))

	def test_h10_1_a_counsellor_opens_the_barred_list_of_their_class_in_the_desk(self):
		"""The rows link to the violation, which a counsellor may not read: the desk's report call
		(Frappe's and the app's) still answers, the violation shown as text."""
		from frappe.desk import query_report

		from socialmedia_governance import reports

		s = self.s
		group = make_active(make_group(s.units["kj_class"], s.u("owner_kj"), member_count=75))
		doc = self.decide("管理不善造成不良影响", platform=group)
		frappe.set_user(s.u("fdy_kj"))
		self.assertFalse(frappe.has_permission(V, "read"))
		for run in (query_report.run, reports.run):
			answer = run("Barred List", filters="{}")
			rows = [r for r in answer["result"] if r.get("violation") == doc.name]
			self.assertEqual(
				{r["subject"] for r in rows},
				{s.u("owner_kj"), s.u("fdy_kj"), s.units["kj_class"], s.units["kj"]},
			)
			violation = next(c for c in answer["columns"] if c["fieldname"] == "violation")
			self.assertEqual(violation["fieldtype"], "Data")
		frappe.set_user(s.u("xcb_head"))  # who may read violations gets the link
		violation = next(
			c for c in reports.run("Barred List", filters="{}")["columns"] if c["fieldname"] == "violation"
		)
		self.assertEqual((violation["fieldtype"], violation["options"]), ("Link", V))
		doc.reload()
		doc.cancel()  # its bans go with it: the class is eligible again for the other tests

	# ------------------------------------------------------------ H10.3
	def test_h10_3_illegal_acts_are_referred_with_the_date(self):
		acc = make_active(make_account(self.s.units["kj"], administrators=[{"user": self.s.u("admin_kj")}]))
		frappe.local.lang = "zh"
		with self.assertRaises(ViolationError) as ctx:
			self.decide("违法行为", platform=acc)
		self.assertIn("司法", str(ctx.exception))
		doc = self.decide("违法行为", platform=acc, referred_on=today(), referral_note="移交公安机关")
		self.assertEqual((doc.referred_to_authorities, str(doc.referred_on)), (1, today()))

	# ------------------------------------------------------------ S17, bad input
	def test_s17_credential_leak_is_a_serious_violation(self):
		acc = make_active(make_account(self.s.units["kj"], administrators=[{"user": self.s.u("admin_kj")}]))
		doc = self.decide(
			"泄露账号密码",
			platform=acc,
			persons=[{"user": self.s.u("admin_kj"), "role_in_platform": "Administrator"}],
		)
		self.assertEqual(doc.persons[0].penalty, "Removal")

	def test_bad_input_is_refused_and_decided_records_are_amended_not_deleted(self):
		s = self.s
		frappe.local.lang = "zh"
		# a ban without a violation; a ban ending before it starts
		with self.assertRaises(AwardBanError) as ctx:
			ban_from_today(s.u("fdy_kj"), today())
		self.assertIn("违规", str(ctx.exception))
		doc = self.decide("人身攻击", persons=[self.member_row()])
		with self.assertRaises(AwardBanError) as ctx:
			ban_from_today(s.u("fdy_kj"), add_days(today(), -1), violation=doc.name)
		self.assertIn("结束", str(ctx.exception))
		# a decided violation is not deleted; it is cancelled and amended
		frappe.set_user(s.u("xcb_head"))
		with self.assertRaises((ViolationError, frappe.LinkExistsError, frappe.ValidationError)):
			frappe.delete_doc(V, doc.name)
		self.assertTrue(frappe.db.exists(V, doc.name))
		decided = frappe.get_doc(V, doc.name)
		decided.cancel()
		amended = frappe.copy_doc(decided)
		amended.amended_from, amended.docstatus = decided.name, 0
		amended.persons[0].penalty = ""
		amended.insert()
		amended.submit()
		self.assertEqual(amended.persons[0].penalty, "Warning")
		# only the Propaganda Department decides
		frappe.set_user(s.u("kj_dean"))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{
					"doctype": V,
					"platform_doctype": "Social Media Group",
					"platform_record": self.group.name,
					"category": "人身攻击",
					"found_on": today(),
					"description": "x",
				}
			).insert()
