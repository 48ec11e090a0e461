# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt

from socialmedia_governance.validation import TypeCheckedDocument


class ReminderLog(TypeCheckedDocument):
	pass
