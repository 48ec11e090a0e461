"""Word (.docx) downloads of the official forms, rendered with docxtpl (H7.1: 附件 "PDF and Word").

The template of a form is the enabled Document Template an admin uploaded for it, else the default
shipped in ``documents/templates/``. Rendering uses a sandboxed Jinja environment with autoescape on,
so ``<script>``, ``&`` and ``{{ 7*7 }}`` typed into a field appear literally and the file stays valid."""

from __future__ import annotations

import io
import os
import zipfile

import frappe
from frappe import _
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from socialmedia_governance.documents import forms

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class DocumentTemplateError(frappe.ValidationError):
	pass


def default_template_path(form_name: str) -> str:
	return os.path.join(os.path.dirname(__file__), "templates", forms.get_form(form_name).template)


def template_bytes(form_name: str) -> bytes:
	url = frappe.db.get_value("Document Template", {"name": form_name, "enabled": 1}, "template")
	if url:
		return file_content(url)
	with open(default_template_path(form_name), "rb") as f:
		return f.read()


def file_content(file_url: str) -> bytes:
	name = frappe.db.get_value("File", {"file_url": file_url}, "name")
	if not name:
		frappe.throw(_("The template file {0} was not found.").format(file_url), DocumentTemplateError)
	content = frappe.get_doc("File", name).get_content()
	return content.encode() if isinstance(content, str) else content


def open_template(content: bytes):
	"""A DocxTemplate, or a clear error when the bytes are not a Word document."""
	from docxtpl import DocxTemplate

	try:
		if not zipfile.is_zipfile(io.BytesIO(content)):
			raise ValueError("not a zip package")
		tpl = DocxTemplate(io.BytesIO(content))
		tpl.init_docx()
		return tpl
	except Exception as e:
		frappe.throw(
			_("The uploaded template is not a valid Word (.docx) file: {0}").format(str(e)[:200]),
			DocumentTemplateError,
		)


def undeclared_variables(content: bytes) -> set[str]:
	tpl = open_template(content)
	try:
		return set(tpl.get_undeclared_template_variables(SandboxedEnvironment()))
	except TemplateError as e:
		frappe.throw(
			_("The template has a Jinja syntax error: {0}").format(str(e)[:200]), DocumentTemplateError
		)
	except Exception as e:
		frappe.throw(
			_("The uploaded template is not a valid Word (.docx) file: {0}").format(str(e)[:200]),
			DocumentTemplateError,
		)


def check_template(content: bytes, form_name: str) -> None:
	unknown = undeclared_variables(content) - forms.known_keys(form_name)
	if unknown:
		frappe.throw(
			_("The template uses unknown fields: {0}. Known fields: {1}").format(
				", ".join(sorted(unknown)), ", ".join(sorted(forms.known_keys(form_name)))
			),
			DocumentTemplateError,
		)


def render_docx(doc, form_name: str) -> bytes:
	form = forms.get_form(form_name)
	if doc.doctype != form.doctype:
		frappe.throw(
			_("The form {0} is for {1}, not {2}.").format(form_name, _(form.doctype), _(doc.doctype)),
			DocumentTemplateError,
		)
	tpl = open_template(template_bytes(form_name))
	tpl.render(forms.word_context(doc, form_name), SandboxedEnvironment(), autoescape=True)
	out = io.BytesIO()
	tpl.save(out)
	return out.getvalue()


@frappe.whitelist()
def get_forms() -> dict[str, list[str]]:
	"""The Word forms of every doctype that has one (for the forms' Word menu)."""
	out: dict[str, list[str]] = {}
	for name, form in forms.FORMS.items():
		out.setdefault(form.doctype, []).append(name)
	return out


@frappe.whitelist()
def download(doctype: str, name: str, form: str | None = None):
	"""The form as Word, for whoever may print the document."""
	doc = frappe.get_doc(doctype, name)
	frappe.has_permission(doctype, "print", doc, throw=True)
	form = form or (forms.forms_for(doctype) or [None])[0]
	if not form:
		frappe.throw(_("{0} has no Word form.").format(_(doctype)), DocumentTemplateError)
	frappe.local.response.filename = f"{form}-{doc.name}.docx"
	frappe.local.response.filecontent = render_docx(doc, form)
	frappe.local.response.type = "download"
