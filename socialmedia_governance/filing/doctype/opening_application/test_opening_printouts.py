# Copyright (c) 2026, socialmedia_governance developers and contributors
"""H7.1 附件1/附件2 and the S4 student application form print from the opening application (PDF)."""

import io
import unicodedata

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from pypdf import PdfReader

from socialmedia_governance.filing.workflows import seed_workflows
from socialmedia_governance.tests.factories import make_account, make_school

OA = "Opening Application"
# radicals that NFKC leaves alone but PDF text extraction returns for common characters
RADICALS = str.maketrans({"\u2ec5": "见", "\u2ed8": "青", "\u2ee2": "马"})


class TestOpeningPrintouts(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		seed_workflows()
		cls.s = s = make_school()
		settings = frappe.get_single("Governance Settings")
		settings.institution_name = "测试财经学院"
		settings.save()
		cls.acc = make_account(
			s.units["kj_xsh"],
			"会计学院学生会<script>alert(1)</script>{{ 7*7 }}",
			platform_id="gh_"
			+ frappe.generate_hash(length=12)
			.lower()[:12]
			.translate(str.maketrans("ghijklmnopqrstuvwxyz", "0123456789abcdef0123")),
			purpose="发布学生会活动通知",
			administrators=[
				{"user": s.u("admin_kj"), "admin_role": "Chief Administrator", "phone": "13800000000"}
			],
		)
		frappe.set_user(s.u("admin_kj"))
		cls.app = frappe.get_doc(
			{
				"doctype": OA,
				"platform_doctype": "Social Media Account",
				"platform_record": cls.acc.name,
				"reason": "宣传学生活动",
			}
		).insert()
		for user, action in (
			(s.u("admin_kj"), "Submit for Approval"),
			(s.u("xsh_teacher"), "Approve"),
			(s.u("tw_head"), "Approve"),
			(s.u("xcb_head"), "Approve"),
		):
			frappe.set_user(user)
			apply_workflow(frappe.get_doc(OA, cls.app.name).as_dict(), action)
		frappe.set_user("Administrator")
		cls.app.reload()

	def pdf_text(self, print_format):
		pdf = frappe.get_print(OA, self.app.name, print_format=print_format, as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"))
		text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
		# CJK glyphs come back as compatibility forms (⽹ for 网): fold them, and the blanks
		text = unicodedata.normalize("NFKC", text).translate(RADICALS)
		return "".join(text.split())

	def test_h7_1_approval_form_attachment_1_as_pdf(self):
		text = self.pdf_text("开设审批表")
		for expected in (
			"测试财经学院开通网络公共社交平台审批表",
			"附件1",
			"党委宣传部意见",
			"校团委意见",
			"新开设",
			"已批准",
			"主管理员",
			"发布学生会活动通知",
		):
			self.assertIn(expected, text)
		self.assertNotIn("密码：", text.split("说明")[0])  # S17: no password on the form

	def test_h7_1_filing_registration_form_attachment_2_as_pdf(self):
		text = self.pdf_text("备案登记表")
		self.assertIn("测试财经学院网络公共社交平台备案登记表", text)
		self.assertIn("附件2", text)
		self.assertIn("备案号:XCB-", text)
		self.assertIn("发布学生会活动通知", text)

	def test_s4_student_application_form_as_pdf(self):
		text = self.pdf_text("学生组织新媒体申请表")
		self.assertIn("指导老师意见", text)
		self.assertIn("校团委意见", text)

	def test_hostile_text_is_escaped_in_the_printout(self):
		html = frappe.get_print(OA, self.app.name, print_format="开设审批表")
		self.assertNotIn("<script>alert(1)</script>", html)
		self.assertIn("&lt;script&gt;", html)
		self.assertIn("{{ 7*7 }}", html)  # shown as typed, never evaluated
		pdf_text = self.pdf_text("开设审批表")
		self.assertIn("<script>alert(", pdf_text)  # printed as text
		self.assertIn("</script>{{", pdf_text)
