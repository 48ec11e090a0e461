# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ReminderSettings(Document):
	def validate(self):
		self.describe_rules()

	def describe_rules(self):
		"""Each rule's "what it reminds" in plain words with the days set for it."""
		from socialmedia_governance.notifications.reminders import describe

		describe(self)
