# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from socialmedia_governance.policy import platforms


class IMRobot(Document):
	def validate(self):
		self.webhook_url = (self.webhook_url or "").strip()
		if not platforms.is_http_url(self.webhook_url):
			frappe.throw(_("The webhook URL must start with http:// or https://."))
