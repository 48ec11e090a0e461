# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Issue 18: every record that belongs to a platform gets the platform's details and the scope
re-check from one base (``registry/platform_record.py``), found from the DocTypes' meta, so that a
new DocType that names an account or a group cannot forget the re-check."""

import frappe
from frappe.model.base_document import get_controller
from frappe.tests.utils import FrappeTestCase

from socialmedia_governance.registry.platform_record import PlatformRecord, platform_link_field

APP = "socialmedia_governance"
# may create anything; a DocType that no other role may create is written by code only (an issued
# release's tasks), with ignore_permissions
SYSTEM_MANAGER = "System Manager"


def platform_doctypes() -> dict[str, str]:
	"""The app's DocTypes (not child tables) that name a platform, with the field naming it, and
	that some role besides the System Manager may create."""
	modules = frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")
	found = {}
	for doctype in frappe.get_all(
		"DocType", filters={"module": ("in", modules), "istable": 0, "issingle": 0}, pluck="name"
	):
		meta = frappe.get_meta(doctype)
		df = platform_link_field(meta)
		creators = {p.role for p in meta.permissions if p.create} - {SYSTEM_MANAGER}
		if df and creators:
			found[doctype] = df.fieldname
	return found


class TestPlatformRecord(FrappeTestCase):
	def test_every_doctype_that_names_a_platform_derives_from_the_base(self):
		found = platform_doctypes()
		# the Dynamic Link records and the ones that link one register (issue 18's seven)
		self.assertLessEqual(
			{
				"Incident",
				"Violation",
				"Opening Application",
				"Closure Request",
				"Change Report",
				"Credential Custody",
				"Annual Review",
				"Content Filing",
				"Publication Request",
				"Certification Application",
				"Group Change Request",
				"Account Activity",
				"Post Import",
				"Published Post",
			},
			set(found),
		)
		self.assertEqual(found["Group Change Request"], "group")
		self.assertEqual(found["Published Post"], "account")
		self.assertEqual(found["Incident"], "platform_record")
		outside = sorted(d for d in found if not issubclass(get_controller(d), PlatformRecord))
		self.assertEqual(outside, [], "these name a platform but skip PlatformRecord's scope re-check")

	def test_a_record_that_belongs_to_a_platform_cannot_replace_the_base_validate(self):
		with self.assertRaises(TypeError):

			class Forgetful(PlatformRecord):
				def validate(self):
					pass

		class Careful(PlatformRecord):
			def validate_record(self, platform):
				pass

		self.assertIs(Careful.validate, PlatformRecord.validate)
