# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class PostImportMapping(Document):
	pass
