# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt

import re

import frappe
from frappe import _
from frappe.model.document import Document

from socialmedia_governance.policy import platforms


class SocialMediaPlatform(Document):
	def validate(self):
		self.platform_name = (self.platform_name or "").strip()
		self.platform_code = (self.platform_code or "").strip().lower()
		if not re.fullmatch(r"[a-z][a-z0-9_]{1,39}", self.platform_code):
			frappe.throw(
				_(
					"The platform code may contain only lower-case letters, digits and underscores, starting with a letter."
				)
			)
		if not platforms.pattern_is_valid(self.id_pattern):
			frappe.throw(_("The identifier pattern is not a valid regular expression."))
		if self.id_pattern and self.id_example and not platforms.id_matches(self.id_example, self.id_pattern):
			frappe.throw(_("The example identifier does not match the identifier pattern."))
