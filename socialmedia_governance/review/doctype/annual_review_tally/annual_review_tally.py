# Copyright (c) 2026, socialmedia_governance developers and contributors
"""How many annual reviews share each key of Annual Review Progress (review/tally.py keeps it)."""

from frappe.model.document import Document


class AnnualReviewTally(Document):
	pass
