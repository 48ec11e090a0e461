# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class ReminderSettings(Document):
	def onload(self):
		self.describe_rules(frappe.local.lang)  # shown in the reader's language

	def validate(self):
		self.describe_rules()

	def describe_rules(self, lang=None):
		"""Each rule's "what it reminds" in plain words with the days set for it."""
		from socialmedia_governance.notifications.wording import describe

		describe(self, lang)
