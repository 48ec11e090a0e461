# Copyright (c) 2026, socialmedia_governance developers and contributors
"""S16 (issue 16): a campaign started before its open date asks for a confirmation first and
records who started it early and when."""

import frappe
from frappe.utils import getdate, today

from socialmedia_governance.review.doctype.annual_review_campaign.annual_review_campaign import (
	CampaignEarlyError,
)
from socialmedia_governance.tests.base import SchoolTestCase


class TestAnnualReviewCampaign(SchoolTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.db.commit()  # each test rolls back its own changes, not the school

	def tearDown(self):
		super().tearDown()
		frappe.db.rollback()

	def test_s16_starting_before_the_open_date_needs_confirmation_and_is_recorded(self):
		year = next(
			y for y in range(2100, 2030, -1) if not frappe.db.exists("Annual Review Campaign", {"year": y})
		)
		campaign = frappe.get_doc({"doctype": "Annual Review Campaign", "year": year}).insert()
		self.assertLess(getdate(today()), getdate(campaign.open_date))
		frappe.set_user(self.s.u("xcb_head"))
		frappe.local.lang = "zh"
		with self.assertRaises(CampaignEarlyError) as asked:
			frappe.get_doc("Annual Review Campaign", campaign.name).start()
		self.assertIn("提前启动", str(asked.exception))
		self.assertIsNone(frappe.db.get_value("Annual Review Campaign", campaign.name, "started_early_by"))

		frappe.get_doc("Annual Review Campaign", campaign.name).start(confirm_early=1)
		started = frappe.db.get_value(
			"Annual Review Campaign",
			campaign.name,
			["status", "started_early_by", "started_early_on"],
			as_dict=True,
		)
		self.assertEqual((started.status, started.started_early_by), ("Open", self.s.u("xcb_head")))
		self.assertTrue(started.started_early_on)

	def test_s16_on_or_after_the_open_date_no_confirmation_is_asked(self):
		year = getdate(today()).year - 1
		name = f"ARC-{year}"
		if not frappe.db.exists("Annual Review Campaign", name):
			frappe.get_doc({"doctype": "Annual Review Campaign", "year": year}).insert()
		frappe.get_doc("Annual Review Campaign", name).start()
		self.assertIsNone(frappe.db.get_value("Annual Review Campaign", name, "started_early_by"))
