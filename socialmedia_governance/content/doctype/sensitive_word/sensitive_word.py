# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""One word of the sensitive-word lexicon (S9, H5)."""

import frappe
from frappe import _
from frappe.model.document import Document

from socialmedia_governance import ui
from socialmedia_governance.content.lexicon import SEVERITY_RANGE, LexiconError
from socialmedia_governance.policy import screening


class SensitiveWord(Document):
	def validate(self):
		self.term = (self.term or "").strip()
		self.term_key = screening.term_key(self.term)
		if not self.term_key:
			frappe.throw(_("The word must contain at least one letter or digit."), LexiconError)
		other = frappe.db.get_value(
			"Sensitive Word", {"term_key": self.term_key, "name": ("!=", self.name or "")}, "term"
		)
		if other:
			frappe.throw(
				_("{0} is already in the lexicon (as {1}).").format(ui.bold(self.term), ui.bold(other)),
				LexiconError,
			)
		low, high = SEVERITY_RANGE
		if not low <= int(self.severity or 0) <= high:
			frappe.throw(_("The severity must be between {0} and {1}.").format(low, high), LexiconError)
