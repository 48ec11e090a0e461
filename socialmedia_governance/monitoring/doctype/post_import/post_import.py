# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""An import of one account's posts from its platform's export file (issue 19). The work is done
by ``monitoring.imports`` (streamed, in chunks, never duplicating a post)."""

import frappe
from frappe import _

from socialmedia_governance.monitoring import imports
from socialmedia_governance.monitoring.posts import ACCOUNT_COLUMNS
from socialmedia_governance.registry.platform_record import PlatformRecord


class PostImport(PlatformRecord):
	platform_columns = ACCOUNT_COLUMNS
	platform_fields = ("account_name", "owner_unit")
	copy_title = False

	def validate_record(self, values):
		if self.import_file and not self.import_file.lower().endswith((".xlsx", ".csv")):
			frappe.throw(_("Attach the export as an .xlsx or .csv file."))
		imports.check_reader(self, values.platform)
