# Copyright (c) 2026, socialmedia_governance developers and contributors

import frappe
from frappe.tests.utils import FrappeTestCase

from socialmedia_governance.policy import presets
from socialmedia_governance.registry.doctype.governance_settings.governance_settings import (
	GovernanceSettingsError,
)


class TestGovernanceSettings(FrappeTestCase):
	def tearDown(self):
		settings = frappe.get_single("Governance Settings")
		settings.apply_preset("HUFE 2018")

	def test_presets_apply_with_one_call(self):
		settings = frappe.get_single("Governance Settings")
		settings.apply_preset("SCTBC 2017")
		settings = frappe.get_single("Governance Settings")
		self.assertEqual(settings.tier3_reviewer, "Propaganda Department")
		self.assertEqual(settings.student_org_via_youth_league, 1)
		self.assertEqual(settings.regulation_title, presets.PRESETS["SCTBC 2017"]["regulation_title"])
		settings.apply_preset("HUFE 2018")
		settings = frappe.get_single("Governance Settings")
		self.assertEqual(settings.tier3_reviewer, "Tier-2 Unit Head")
		self.assertEqual(settings.change_report_working_days, 3)
		self.assertEqual(settings.group_filing_threshold, 50)

	def test_impossible_values_are_refused(self):
		settings = frappe.get_single("Governance Settings")
		settings.review_open_month, settings.review_open_day = 2, 30
		self.assertRaises(GovernanceSettingsError, settings.save)
		settings = frappe.get_single("Governance Settings")
		settings.review_due_month, settings.review_due_day = 11, 1
		self.assertRaises(GovernanceSettingsError, settings.save)
		settings = frappe.get_single("Governance Settings")
		settings.change_report_working_days = 0
		self.assertRaises(GovernanceSettingsError, settings.save)
