# Copyright (c) 2026, socialmedia_governance developers and contributors
"""H7.1: an admin replaces the Word template of a form; broken or unknown-field templates are refused."""

import io

import frappe
from docx import Document as DocxDocument
from frappe.tests.utils import FrappeTestCase

from socialmedia_governance.documents import word
from socialmedia_governance.registry.register import allow_process_update
from socialmedia_governance.tests.base import contact_change
from socialmedia_governance.tests.factories import make_account, make_school


def docx_bytes(*lines: str) -> bytes:
	doc = DocxDocument()
	for line in lines:
		doc.add_paragraph(line)
	out = io.BytesIO()
	doc.save(out)
	return out.getvalue()


def upload(content: bytes, name: str = "template.docx") -> str:
	f = frappe.get_doc({"doctype": "File", "file_name": name, "content": content, "is_private": 1}).insert(
		ignore_permissions=True
	)
	return f.file_url


class TestDocumentTemplate(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = s = make_school()
		acc = make_account(s.units["kj"], "会计学院官微", administrators=[{"user": s.u("admin_kj")}])
		allow_process_update(acc)
		acc.status = "Active"
		acc.save(ignore_permissions=True)
		frappe.set_user(s.u("admin_kj"))
		cls.report = frappe.get_doc(contact_change(acc, "010-2")).insert()
		frappe.set_user("Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"
		frappe.db.delete("Document Template", {"form_name": "变更报备表"})

	def template(self, url, enabled=1):
		return frappe.get_doc(
			{"doctype": "Document Template", "form_name": "变更报备表", "template": url, "enabled": enabled}
		)

	def test_h7_1_corrupt_upload_is_refused_with_a_clear_zh_error(self):
		frappe.set_user(self.s.u("xcb_head"))
		frappe.local.lang = "zh"
		with self.assertRaises(word.DocumentTemplateError) as ctx:
			self.template(upload(b"PK\x03\x04 this is not a word file", "broken.docx")).insert()
		self.assertIn("不是有效的 Word（.docx）文件", str(ctx.exception))

	def test_h7_1_unknown_fields_are_listed_in_zh(self):
		frappe.set_user(self.s.u("xcb_head"))
		frappe.local.lang = "zh"
		content = docx_bytes("{{ platform_name }}", "{{ secret_password }}", "{{ owner.password }}")
		with self.assertRaises(word.DocumentTemplateError) as ctx:
			self.template(upload(content)).insert()
		message = str(ctx.exception)
		self.assertIn("模板使用了未知字段", message)
		self.assertIn("owner, secret_password", message)
		self.assertNotIn("platform_name,", message.split("可用字段")[0])

	def test_h7_1_uploaded_template_replaces_the_default_until_disabled(self):
		frappe.set_user(self.s.u("xcb_head"))
		content = docx_bytes(
			"{{ institution }}变更报备（本校格式）",
			"{{ platform_name }}：{{ change_type }} {{ old_value }} → {{ new_value }}",
			"{% for a in administrators %}{{ a.name }}{% endfor %}",
		)
		doc = self.template(upload(content)).insert()
		self.assertEqual(doc.target_doctype, "Change Report")
		self.assertIn("platform_name", doc.known_variables)
		text = "\n".join(
			p.text for p in DocxDocument(io.BytesIO(word.render_docx(self.report, "变更报备表"))).paragraphs
		)
		self.assertIn("会计学院官微：联系方式 010-1 → 010-2", text)
		self.assertIn("变更报备（本校格式）", text)
		doc.enabled = 0
		doc.save()
		default = DocxDocument(io.BytesIO(word.render_docx(self.report, "变更报备表")))
		self.assertNotIn("本校格式", "\n".join(p.text for p in default.paragraphs))

	def test_an_unknown_form_name_is_refused(self):
		with self.assertRaises(word.DocumentTemplateError):
			frappe.get_doc({"doctype": "Document Template", "form_name": "不存在的表"}).insert()
