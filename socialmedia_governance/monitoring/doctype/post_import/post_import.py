# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""An import of one account's posts from its platform's export file (issue 19). The work is done
by ``monitoring.imports`` (streamed, in chunks, never duplicating a post)."""

import frappe
from frappe import _
from frappe.model.document import Document

from socialmedia_governance.monitoring.posts import account_values
from socialmedia_governance.permissions import recheck_scope


class PostImport(Document):
	def validate(self):
		values = account_values(self.account)
		if not values:
			frappe.throw(_("Choose an account."))
		self.account_name, self.owner_unit = values.account_name, values.owner_unit
		recheck_scope(self)
		if self.import_file and not self.import_file.lower().endswith((".xlsx", ".csv")):
			frappe.throw(_("Attach the export as an .xlsx or .csv file."))
