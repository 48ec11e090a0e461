# Copyright (c) 2026, socialmedia_governance developers and contributors
"""H7.1 (附件1/附件2), S4, S5, S13, S14, S16: every official form prints as PDF and downloads as Word
from realistic records, with hostile text shown literally (never run, never breaking the file)."""

import io

import frappe
from docx import Document as DocxDocument
from frappe.utils import add_days, today

from socialmedia_governance.documents import forms, word
from socialmedia_governance.review import campaign as campaigns
from socialmedia_governance.review.doctype.annual_review.annual_review import submit_report
from socialmedia_governance.tests.base import (
	OA,
	SchoolTestCase,
	filed_student_union_account,
	norm,
	on_platform,
	pdf_text,
)
from socialmedia_governance.tests.factories import make_account, make_active

HOSTILE = "会计学院学生会<script>alert(1)</script>{{ 7*7 }}"
PURPOSE = '发布学生会活动通知 R&D =HYPERLINK("http://evil.example","x")'
LONG = "长" * 10000
YEAR = 2033


def docx_text(content: bytes) -> str:
	doc = DocxDocument(io.BytesIO(content))
	parts = [p.text for p in doc.paragraphs]
	for table in doc.tables:
		for row in table.rows:
			parts.extend(cell.text for cell in row.cells)
	return "\n".join(parts)


class TestOfficialDocuments(SchoolTestCase):
	workflows = True

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		s = cls.s
		# a student organisation's account, through the whole opening workflow (H7.1, S4)
		cls.acc, cls.app = filed_student_union_account(s, HOSTILE, PURPOSE, LONG)
		admins = [{"user": s.u("admin_kj"), "admin_role": "Chief Administrator", "phone": "13800000000"}]

		# a college account for the other processes
		cls.college = make_active(make_account(s.units["kj"], "会计学院官微", administrators=admins))

		def on_college(doctype, **values):
			return frappe.get_doc(on_platform(cls.college, doctype, **values)).insert()

		frappe.set_user(s.u("admin_kj"))
		cls.change = on_college(
			"Change Report",
			change_type="Account Name",
			event_date=add_days(today(), -1),
			old_value="会计学院官微",
			new_value="会计学院<script>alert(1)</script>",
			remarks="{% if true %}X{% endif %} & {{ 7*7 }}",
		)
		cls.closure = on_college("Closure Request", reason="账号停止使用 {{ 7*7 }}", date_closed=today())
		cls.cert = frappe.get_doc(
			{
				"doctype": "Certification Application",
				"account": cls.college.name,
				"materials": "认证申请书及单位介绍信 <b>x</b>",
			}
		).insert()
		frappe.set_user("Administrator")
		campaign = campaigns.open_campaign(YEAR, run_now=True)
		cls.review = frappe.get_doc("Annual Review", f"{campaign}-{cls.college.name}")
		frappe.set_user(s.u("admin_kj"))
		cls.review.update(
			{
				"posts_in_year": 128,
				"followers": 5600,
				"training_sessions": 2,
				"self_assessment": "全年无违规 {{ 7*7 }}",
			}
		)
		cls.review.save()
		submit_report(cls.review.name)
		frappe.set_user(s.u("xcb_head"))
		review = frappe.get_doc("Annual Review", cls.review.name)
		review.update({"outcome": "Pass", "reviewer_comments": "运行规范，同意通过"})
		review.save()
		frappe.set_user("Administrator")
		cls.review.reload()
		# a decided violation (处罚决定书) and an issued coordinated release (统一发布通知)
		from frappe.utils import add_to_date, now_datetime

		from socialmedia_governance.discipline.categories import seed_violation_categories

		seed_violation_categories()
		frappe.set_user(s.u("xcb_head"))
		cls.violation = on_college(
			"Violation",
			category="人身攻击",
			found_on=today(),
			description="在评论区辱骂同学 {{ 7*7 }}",
			persons=[{"person_name": "学生乙", "role_in_platform": "Member"}],
		)
		cls.violation.submit()
		cls.release = frappe.get_doc(
			{
				"doctype": "Coordinated Release",
				"title": "关于暴雨停课的统一发布",
				"content": "因暴雨红色预警，全校明日停课。",
				"deadline": add_to_date(now_datetime(), hours=6),
				"tier_1": 1,
				"tier_2": 1,
				"units": [{"unit": s.units["kj"]}],
			}
		).insert()
		cls.release.submit()
		frappe.set_user("Administrator")

	def records(self):
		return {
			"开设审批表": self.app,
			"备案登记表": self.app,
			"学生组织新媒体申请表": self.app,
			"年度检查报告": self.review,
			"变更报备表": self.change,
			"注销备案表": self.closure,
			"认证申请表": self.cert,
			"处罚决定书": self.violation,
			"统一发布通知": self.release,
		}

	def pdf(self, doc, form):
		content = frappe.get_print(doc.doctype, doc.name, print_format=form, as_pdf=True)
		self.assertTrue(content.startswith(b"%PDF"))
		return pdf_text(content)

	def word(self, doc, form):
		return docx_text(word.render_docx(doc, form))

	def assert_form(self, doc, form, expected):
		"""The form as HTML, PDF and Word shows every expected text. The PDF font subset garbles ASCII
		digits on extraction, so numbers are checked in the HTML and the Word file."""
		html = norm(frappe.get_print(doc.doctype, doc.name, print_format=form))
		pdf = self.pdf(doc, form)
		docx = norm(self.word(doc, form))
		for text in expected:
			self.assertIn(norm(text), html)
			self.assertIn(norm(text), docx)
			if not any(c.isdigit() for c in text):
				self.assertIn(norm(text), pdf)

	def test_h7_1_every_registered_form_has_a_print_format_and_a_template(self):
		self.assertEqual(set(self.records()), set(forms.FORMS))
		menu = word.get_forms()  # what the Word menu of each form offers
		self.assertEqual(menu["Opening Application"], ["开设审批表", "备案登记表", "学生组织新媒体申请表"])
		self.assertEqual(menu["Change Report"], ["变更报备表"])
		for form, spec in forms.FORMS.items():
			self.assertEqual(frappe.db.get_value("Print Format", form, "doc_type"), spec.doctype)
			self.assertEqual(
				word.undeclared_variables(word.template_bytes(form)) - forms.known_keys(form), set()
			)
		for dt, form in (
			("Annual Review", "年度检查报告"),
			("Change Report", "变更报备表"),
			("Closure Request", "注销备案表"),
			("Certification Application", "认证申请表"),
		):
			self.assertEqual(frappe.get_meta(dt).default_print_format, form)

	def test_s16_annual_review_report_as_pdf_and_word(self):
		self.assert_form(
			self.review,
			"年度检查报告",
			(
				"测试财经学院网络公共社交平台年度检查报告",
				"会计学院官微",
				"128",
				"5600",
				"合格",
				"运行规范，同意通过",
				"审核人签字",
				"年　　月　　日",
				"全年无违规 {{ 7*7 }}",
			),
		)

	def test_s13_change_report_as_pdf_and_word(self):
		self.assert_form(
			self.change,
			"变更报备表",
			(
				"网络公共社交平台变更报备表",
				"账号名称",
				"会计学院官微",
				"主管理员",
				"经办人签字",
				"{% if true %}X{% endif %}",
			),
		)
		docx = self.word(self.change, "变更报备表")
		self.assertIn("{% if true %}X{% endif %} & {{ 7*7 }}", docx)  # typed Jinja is shown, never run
		self.assertIn("会计学院<script>alert(1)</script>", docx)

	def test_s14_closure_form_as_pdf_and_word(self):
		self.assert_form(
			self.closure,
			"注销备案表",
			(
				"网络公共社交平台注销备案表",
				"会计学院官微",
				"账号停止使用 {{ 7*7 }}",
				"注销日期",
				"（盖章）",
				"注销原因",
				self.college.filing_number,
			),
		)

	def test_s5_certification_form_as_pdf_and_word(self):
		self.assert_form(
			self.cert,
			"认证申请表",
			(
				"网络公共社交平台认证申请表",
				"会计学院官微",
				"认证申请书及单位介绍信",
				"待审批",
				"申请材料",
				self.college.filing_number,
			),
		)

	def test_h10_penalty_decision_as_pdf_and_word(self):
		self.assert_form(
			self.violation,
			"处罚决定书",
			(
				"网络公共社交平台违规处罚决定书",
				"会计学院官微",
				"人身攻击",
				"在评论区辱骂同学 {{ 7*7 }}",
				"学生乙",
				"警告",
				"（盖章）",
			),
		)

	def test_h8_coordinated_release_notice_as_pdf_and_word(self):
		self.assert_form(
			self.release,
			"统一发布通知",
			(
				"统一发布通知",
				"关于暴雨停课的统一发布",
				"因暴雨红色预警，全校明日停课。",
				"统一口径内容",
				"（盖章）",
			),
		)

	def test_h7_1_opening_forms_as_word(self):
		text = self.word(self.app, "开设审批表")
		flat = "".join(text.split())
		for expected in (
			"测试财经学院开通网络公共社交平台审批表",
			"附件1",
			"党委宣传部意见",
			"已批准",
			"主管理员",
			"13800000000",
		):
			self.assertIn(expected, flat)
		self.assertIn(self.acc.filing_number, flat)
		flat2 = "".join(self.word(self.app, "备案登记表").split())
		self.assertIn("网络公共社交平台备案登记表", flat2)
		self.assertIn("备案号：" + self.acc.filing_number, flat2)
		flat3 = "".join(self.word(self.app, "学生组织新媒体申请表").split())
		self.assertIn("指导老师意见", flat3)
		self.assertIn("校团委意见", flat3)

	def test_h7_1_hostile_text_is_literal_in_html_pdf_and_word(self):
		html = frappe.get_print(OA, self.app.name, print_format="备案登记表")
		self.assertNotIn("<script>alert(1)</script>", html)
		self.assertIn("&lt;script&gt;", html)
		self.assertIn("{{ 7*7 }}", html)
		self.assertIn(LONG, html)  # 10k characters printed whole
		content = word.render_docx(self.app, "备案登记表")
		text = docx_text(content)  # python-docx parsed it: the file is valid XML
		self.assertIn(HOSTILE, text)
		self.assertIn(PURPOSE, text)
		self.assertIn(LONG, text)
		self.assertNotIn("<script>", content.decode("latin-1"))  # in the XML it is escaped
		pdf = self.pdf(self.app, "备案登记表")
		self.assertIn("<script>alert(", pdf)  # printed as text (digits: see assert_form)
		self.assertIn("</script>{{", pdf)

	def test_s12_word_download_checks_print_permission(self):
		frappe.set_user(self.s.u("fdy_xx"))  # another college's counsellor
		self.assertRaises(
			frappe.PermissionError, word.download, "Change Report", self.change.name, "变更报备表"
		)
		frappe.set_user(self.s.u("admin_kj"))
		word.download("Change Report", self.change.name, "变更报备表")
		self.assertEqual(frappe.local.response.type, "download")
		self.assertTrue(frappe.local.response.filename.endswith(".docx"))
		self.assertIn("网络公共社交平台变更报备表", docx_text(frappe.local.response.filecontent))
