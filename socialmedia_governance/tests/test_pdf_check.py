"""The print view's wkhtmltopdf warning goes to the system manager, not to every user."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.pdf import is_wkhtmltopdf_valid as frappe_check

from socialmedia_governance.tests.factories import make_user

METHOD = "frappe.utils.pdf.is_wkhtmltopdf_valid"


class TestPdfCheck(FrappeTestCase):
	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def call(self):
		"""The method the desk reaches for METHOD, resolved as frappe.handler.execute_cmd does."""
		method = frappe.get_hooks("override_whitelisted_methods", {}).get(METHOD, [METHOD])[-1]
		return frappe.get_attr(method)()

	def test_staff_are_not_told_to_call_the_system_manager(self):
		frappe.set_user(make_user(f"pdf-{frappe.generate_hash(length=6)}@example.com", "Propaganda Manager"))
		self.assertIs(self.call(), True)

	def test_the_system_manager_still_sees_frappes_answer(self):
		frappe.set_user("Administrator")
		self.assertEqual(self.call(), frappe_check())
