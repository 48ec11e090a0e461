# Copyright (c) 2026, socialmedia_governance developers and contributors
"""A replacement Word template for one official form, uploaded by an admin and checked on save."""

import frappe
from frappe import _
from frappe.model.document import Document

from socialmedia_governance.documents import forms, word


class DocumentTemplate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		enabled: DF.Check
		form_name: DF.Data
		known_variables: DF.SmallText | None
		target_doctype: DF.Link | None
		template: DF.Attach | None
	# end: auto-generated types

	def validate(self):
		self.validate_form()
		self.validate_template()

	def validate_form(self):
		if self.form_name not in forms.FORMS:
			frappe.throw(
				_("Unknown document form: {0}. Known forms: {1}").format(
					self.form_name, ", ".join(forms.FORMS)
				),
				word.DocumentTemplateError,
			)
		self.target_doctype = forms.FORMS[self.form_name].doctype
		self.known_variables = ", ".join(sorted(forms.known_keys(self.form_name)))

	def validate_template(self):
		if not self.template:
			return
		if not self.template.lower().endswith(".docx"):
			frappe.throw(_("The template must be a Word (.docx) file."), word.DocumentTemplateError)
		word.check_template(word.file_content(self.template), self.form_name)
