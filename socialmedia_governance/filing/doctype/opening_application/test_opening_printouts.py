# Copyright (c) 2026, socialmedia_governance developers and contributors
"""H7.1 附件1/附件2 and the S4 student application form print from the opening application (PDF)."""

import frappe

from socialmedia_governance.tests.base import OA, SchoolTestCase, filed_student_union_account, pdf_text


class TestOpeningPrintouts(SchoolTestCase):
	workflows = True

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.acc, cls.app = filed_student_union_account(
			cls.s, "会计学院学生会<script>alert(1)</script>{{ 7*7 }}", "发布学生会活动通知", "宣传学生活动"
		)

	def pdf_text(self, print_format):
		pdf = frappe.get_print(OA, self.app.name, print_format=print_format, as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"))
		return pdf_text(pdf)  # CJK glyphs come back as compatibility forms (⽹ for 网): folded

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
