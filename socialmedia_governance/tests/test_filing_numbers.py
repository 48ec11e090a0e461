"""S4, H7.1: a filing number (备案号) is issued once — unique in each register's table and across
both registers, and the series never hands out a number already held (issue 15: the demo wrote
numbers without advancing the series, so XCB-2026-0002…0007 belonged to two accounts each)."""

import frappe

from socialmedia_governance.filing.numbers import (
	DuplicateFilingNumberError,
	filing_registers,
	next_filing_number,
)
from socialmedia_governance.patches.v15_0 import unique_filing_numbers
from socialmedia_governance.policy import filing_numbers as rules
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import make_account, make_active, make_group


def held(unit: str, number: str):
	"""An account that holds ``number``, as an import of a school's existing accounts leaves it."""
	acc = make_account(unit)
	frappe.db.set_value(acc.doctype, acc.name, {"status": "Active", "filing_number": number})
	return acc.name


class TestFilingNumbers(SchoolTestCase):
	def test_s4_every_register_has_a_unique_index_on_its_filing_number(self):
		registers = filing_registers()
		self.assertEqual(set(registers), {"Social Media Account", "Social Media Group"})
		for register in registers:
			self.assertTrue(
				frappe.db.get_column_index(f"tab{register}", "filing_number", unique=True), register
			)

	def test_s4_the_series_skips_numbers_held_and_numbers_imported_ahead(self):
		first = next_filing_number()
		key = first[: -rules.DIGITS]
		current = rules.sequence_of(key, first)
		held(self.s.units["kj"], rules.format_number(key, current + 1))  # the demo wrote it by hand
		held(self.s.units["kj"], f"{key}{current + 3}")  # an import, ahead of the series and without padding
		self.assertEqual(next_filing_number(), rules.format_number(key, current + 2))
		self.assertEqual(next_filing_number(), rules.format_number(key, current + 4))

	def test_s4_a_number_held_by_the_other_register_is_refused(self):
		s = self.s
		number = next_filing_number()
		held(s.units["kj"], number)
		group = make_group(s.units["kj_class"], s.u("owner_kj"), member_count=80)
		frappe.local.lang = "zh"
		with self.assertRaises(DuplicateFilingNumberError) as ctx:
			group.filing_number = number
			make_active(group, filed=False)
		self.assertIn("备案号", str(ctx.exception))
		# and inside one register the database itself refuses the second holder
		other = make_account(s.units["kj"])
		with self.assertRaises(Exception) as ctx:
			frappe.db.set_value(other.doctype, other.name, "filing_number", number)
		self.assertTrue(frappe.db.is_unique_key_violation(ctx.exception))

	def test_s4_patch_renumbers_the_later_holder_and_says_so_on_its_timeline(self):
		s = self.s
		number = next_filing_number()
		first = held(s.units["kj"], number)
		frappe.db.set_value("Social Media Account", first, "filed_on", "2025-03-01")
		group = make_group(s.units["kj_class"], s.u("owner_kj"), member_count=80)
		frappe.db.set_value(group.doctype, group.name, {"filing_number": number, "filed_on": "2026-03-01"})
		blank = make_account(s.units["kj"])
		frappe.db.set_value(blank.doctype, blank.name, "filing_number", "")
		unique_filing_numbers.execute()
		self.assertEqual(frappe.db.get_value("Social Media Account", first, "filing_number"), number)
		renumbered = frappe.db.get_value(group.doctype, group.name, "filing_number")
		self.assertTrue(renumbered and renumbered != number)
		self.assertIsNone(frappe.db.get_value(blank.doctype, blank.name, "filing_number"))
		note = frappe.get_all(
			"Comment",
			filters={"reference_doctype": group.doctype, "reference_name": group.name},
			pluck="content",
		)
		self.assertTrue(any(number in n and renumbered in n for n in note), note)
