# Copyright (c) 2026, socialmedia_governance developers and contributors
"""The indexes the Script Reports read (issue 17), declared beside their SQL (``INDEXES``) and made
by ``reports.add_indexes`` on install and every migrate, found at run time from the reports
themselves: every declared index exists with its declared columns, none it replaced is left, and
an index a site made from an older declaration is made again."""

import frappe
from frappe.tests.utils import FrappeTestCase

from socialmedia_governance import reports


class TestReportIndexes(FrappeTestCase):
	def declared(self):
		return [
			(report.ref_doctype, name, list(columns))
			for report, module in reports.script_reports()
			for name, columns in getattr(module, "INDEXES", {}).items()
		]

	def test_every_index_a_report_declares_is_there_as_declared(self):
		declared = self.declared()
		# the reports that read an index of their own: found from the reports, not listed here
		self.assertGreaterEqual(len({doctype for doctype, _n, _c in declared}), 4, declared)
		for doctype, name, columns in declared:
			self.assertEqual(reports.index_columns(doctype, name), columns, f"{doctype}: {name}")
		for report, module in reports.script_reports():
			for name in getattr(module, "REPLACED_INDEXES", ()):
				self.assertFalse(frappe.db.has_index(f"tab{report.ref_doctype}", name), name)

	def test_an_index_made_from_an_older_declaration_is_made_again(self):
		doctype, name, columns = next(d for d in self.declared() if d[0] == "Release Task")
		reports.drop_index(doctype, name)
		frappe.db.add_index(doctype, [reports.quoted(columns[0])], index_name=name)  # an older one
		self.assertEqual(reports.index_columns(doctype, name), columns[:1])
		reports.add_indexes()
		self.assertEqual(reports.index_columns(doctype, name), columns)

	def test_a_column_is_quoted_and_keeps_its_order(self):
		self.assertEqual(reports.quoted("release"), "`release`")
		self.assertEqual(reports.quoted("days_silent desc"), "`days_silent` desc")
