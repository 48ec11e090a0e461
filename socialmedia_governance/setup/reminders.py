"""Reminder Settings at install and migrate: every rule of the rule table with its default days,
the send time, and the two Email Templates, once; an admin's edits are kept (a template still
exactly as an earlier version shipped it gets the current text). The templates' bodies are files
beside Reminder Settings (``notifications/doctype/reminder_settings/*.html``)."""

from __future__ import annotations

from pathlib import Path

import frappe

from socialmedia_governance.notifications.wording import describe
from socialmedia_governance.policy import reminder_rules as table

SETTINGS = "Reminder Settings"
BODIES = Path(__file__).resolve().parent.parent / "notifications" / "doctype" / "reminder_settings"

DIGEST_TEMPLATE = "新媒体管理每日提醒"
SUMMARY_TEMPLATE = "新媒体管理每日汇总"
# name → (subject, body file)
TEMPLATES = {
	DIGEST_TEMPLATE: ("新媒体管理提醒：您有 {{ count }} 项待办", "reminder_digest.html"),
	SUMMARY_TEMPLATE: ("新媒体管理全校汇总 {{ day }}", "reminder_summary.html"),
}
# Template bodies as earlier versions shipped them: replaced by the current text if untouched.
SHIPPED_BEFORE = {SUMMARY_TEMPLATE: ("reminder_summary.before-issue-20.html",)}


def body(filename: str) -> str:
	"""A shipped template body, as stored (without the file's last newline)."""
	return (BODIES / filename).read_text(encoding="utf-8").rstrip("\n")


def seed_settings() -> None:
	"""Rules with their defaults and the two Email Templates, once; an admin's edits are kept."""
	for name, (subject, filename) in TEMPLATES.items():
		if not frappe.db.exists("Email Template", name):
			frappe.get_doc(
				{
					"doctype": "Email Template",
					"name": name,
					"subject": subject,
					"response_html": body(filename),
					"use_html": 1,
				}
			).insert(ignore_permissions=True)
		elif frappe.db.get_value("Email Template", name, "response_html") in {
			body(f) for f in SHIPPED_BEFORE.get(name, ())
		}:
			frappe.db.set_value("Email Template", name, "response_html", body(filename))
	settings = frappe.get_single(SETTINGS)
	known = {r.rule for r in settings.rules}
	changed = False
	for rule, spec in table.RULES.items():
		if rule not in known:
			settings.append("rules", {"rule": rule, "enabled": 1, "lead_days": spec.days})
			changed = True
	if not settings.email_template:
		settings.email_template, settings.summary_template, changed = DIGEST_TEMPLATE, SUMMARY_TEMPLATE, True
	if not known or not settings.send_time:
		# Frappe gives every Time field of a new document the current time, whatever its default
		settings.send_time, changed = table.DEFAULT_SEND_TIME.strftime("%H:%M:%S"), True
	before = [r.description for r in settings.rules]
	describe(settings)
	if changed or before != [r.description for r in settings.rules]:
		settings.flags.ignore_permissions = True
		settings.save()
