"""What a reminder says, in a language: the rule table's label (with the days set for the rule)
and item texts (policy/reminder_rules.py), translated; the link to a rule's list of the day. Read
by the emails (notifications.reminders), the robots (notifications.delivery) and Reminder Settings.
"""

from __future__ import annotations

from frappe import _
from frappe.utils import get_url, getdate

from socialmedia_governance.policy import reminder_rules as table
from socialmedia_governance.policy.digest import Item
from socialmedia_governance.registry.settings import site_lang


def label(rule: str, days: int, lang: str) -> str:
	"""What the rule reminds of, in ``lang``, with the number of days set for it."""
	return _(table.RULES[rule].label, lang=lang).format(days)


def item_text(item: Item, lang: str) -> str:
	"""The item's message in ``lang`` (doctype and step names in it translated too)."""
	args = [_(a, lang=lang) if isinstance(a, str) else a for a in item.args]
	return _(item.text, lang=lang).format(*args)


def log_url(rule: str, day) -> str:
	"""The day's reminders of one rule (the Reminder Log list, filtered): every record, linked."""
	return get_url(f"/app/reminder-log?rule={rule}&day={getdate(day)}")


def describe(settings, lang: str | None = None) -> None:
	"""Each rule row's "what it reminds" in ``lang`` (the site's language), with its days."""
	lang = lang or site_lang()
	for row in settings.rules:
		if row.rule in table.RULES:
			row.description = label(row.rule, row.lead_days or 0, lang)
