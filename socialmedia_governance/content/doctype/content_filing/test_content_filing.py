"""A content filing keeps the request's category in the request's words (issue 15): it was a Data
field holding the Select value, so the desk showed "Major Unit Information" in English."""

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase

from socialmedia_governance.policy import content


class TestContentFilingCategory(FrappeTestCase):
	def test_issue_15_the_filings_category_is_the_requests_select_read_in_chinese(self):
		filing = frappe.get_meta("Content Filing").get_field("category")
		request = frappe.get_meta("Publication Request").get_field("category")
		self.assertEqual(filing.fieldtype, "Select")
		self.assertEqual(filing.options, request.options)
		self.assertEqual(set(filing.options.split("\n")), set(content.CATEGORIES))
		for category in content.CATEGORIES:
			self.assertNotEqual(_(category, lang="zh"), category, f"{category} has no Chinese")
