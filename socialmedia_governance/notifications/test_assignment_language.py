"""Assignment comments in the site's language (issue 15): Frappe writes "… assigned …" and "… self
assigned this task" into every reader's activity log in the language of the process that gave the
ToDo; a background job or a bench command speaks English."""

import frappe
from frappe.tests.utils import FrappeTestCase

from socialmedia_governance.notifications import assignments
from socialmedia_governance.tests.factories import make_account, make_school


class TestAssignmentCommentsInTheSiteLanguage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = make_school()
		cls.lang = frappe.db.get_single_value("System Settings", "language")
		frappe.db.set_single_value("System Settings", "language", "zh")

	@classmethod
	def tearDownClass(cls):
		frappe.db.set_single_value("System Settings", "language", cls.lang)
		frappe.db.commit()
		super().tearDownClass()

	def tearDown(self):
		frappe.local.lang = "en"
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def comments(self, doc) -> list[str]:
		return frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": doc.doctype,
				"reference_name": doc.name,
				"comment_type": "Assigned",
			},
			pluck="content",
		)

	def test_issue_15_comments_of_a_job_speaking_english_are_written_in_chinese(self):
		s = self.s
		acc = make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}])
		frappe.local.lang = "en"  # as in a background job or bench execute
		assignments.assign(acc, [s.u("admin_kj")], lambda lang: "请核对账号")
		frappe.set_user(s.u("kj_dean"))
		assignments.assign(acc, [s.u("kj_dean")], lambda lang: "请审批")  # his own step
		frappe.set_user("Administrator")
		texts = self.comments(acc)
		self.assertEqual(len(texts), 2, texts)
		for text in texts:
			self.assertNotIn("assigned", text)
		self.assertTrue(any("自行分配" in t for t in texts), texts)
		self.assertEqual(frappe.local.lang, "en", "the process keeps its own language")
