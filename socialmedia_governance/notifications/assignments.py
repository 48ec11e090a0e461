"""Telling people what waits for them: one place for the app's ToDos and one-off notices.

- ``assign``: a ToDo (with Frappe's bell notification and its email) for each user, its text
  written in that user's language (not in the language of whoever caused it). The app's ToDos
  are the system's, not a person's: Frappe shows a ToDo to its holder *and* to whoever
  "assigned" it, so an approver who passes an application on would find the next step's ToDos
  in his own list. ``assigned_by`` is cleared once Frappe has sent its notification.
- ``close``: the open ToDos of a record, for some or all users.
- ``notify``: a desk notification (and its email) that needs no action, e.g. "you were named
  administrator of …".
- ``notify_new_administrators``: doc event of both registers (hooks.py).

Frappe writes an assignment's comment ("… assigned …", "… self assigned this task"), which every
reader of the record's activity log sees, in the language of the process that made it: a
background job or a bench command speaks English. The app's ToDos are given in the site's
language, whoever or whatever causes them.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification
from frappe.desk.form import assign_to
from frappe.utils import get_url_to_form, strip_html

from socialmedia_governance import mail
from socialmedia_governance.registry.people import administrators
from socialmedia_governance.registry.settings import site_lang
from socialmedia_governance.ui import bold


@contextmanager
def in_site_language():
	"""Frappe's stored words (assignment comments, its notification's subject) in the site's language."""
	previous = frappe.local.lang
	frappe.local.lang = site_lang()
	try:
		yield
	finally:
		frappe.local.lang = previous


def open_todos(doctype: str, name: str) -> list:
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": doctype, "reference_name": name, "status": "Open"},
		fields=["name", "allocated_to"],
	)


def assign(doc, users: Iterable[str], description: Callable[[str], str]) -> list[str]:
	"""A ToDo on ``doc`` for every user in ``users`` who has no open one yet; ``description(lang)``
	writes its text in the holder's language. Returns the users newly assigned."""
	have = {t.allocated_to for t in open_todos(doc.doctype, doc.name)}
	new = [u for u in dict.fromkeys(users) if u and u not in have]
	for user in new:
		text = description(mail.user_lang(user))
		with in_site_language():
			assign_to.add(
				{"assign_to": [user], "doctype": doc.doctype, "name": doc.name, "description": text},
				ignore_permissions=True,
			)
	if new:
		todo = frappe.qb.DocType("ToDo")
		(
			frappe.qb.update(todo)
			.set(todo.assigned_by, None)
			.where(
				(todo.reference_type == doc.doctype)
				& (todo.reference_name == doc.name)
				& (todo.allocated_to.isin(new))
				& (todo.status == "Open")
			)
		).run()
	return new


def close(doctype: str, name: str, users: Iterable[str] | None = None) -> None:
	"""Close the open ToDos on a record (of ``users`` only, when given)."""
	wanted = set(users) if users is not None else None
	for todo in open_todos(doctype, name):
		if wanted is None or todo.allocated_to in wanted:
			frappe.db.set_value("ToDo", todo.name, "status", "Closed")


def notify(users: Iterable[str], doc, subject: Callable[[str], str]) -> None:
	"""A desk notification about ``doc`` for each user and its email (when mail is set up),
	``subject(lang)`` written in the user's language."""
	for user in dict.fromkeys(users):
		if not user or user in ("Administrator", "Guest"):
			continue
		lang = mail.user_lang(user)
		text = subject(lang)
		enqueue_create_notification(
			user,
			{
				"type": "Alert",
				"document_type": doc.doctype,
				"document_name": doc.name,
				"subject": text,
				"from_user": frappe.session.user,
			},
		)
		mail.send(
			recipients=[frappe.db.get_value("User", user, "email") or user],
			subject=html.unescape(strip_html(text)),
			message=text + "<br><br>" + get_url_to_form(doc.doctype, doc.name),
			reference_doctype=doc.doctype,
			reference_name=doc.name,
		)


def notify_new_administrators(doc, method=None) -> None:
	"""on_update of both registers: whoever is newly named administrator (or group owner) is told."""
	if frappe.flags.in_import or frappe.flags.in_install or frappe.flags.in_migrate:
		return
	before = doc.get_doc_before_save()
	previous = set(administrators(before)) if before else set()
	new = [user for user in administrators(doc) if user not in previous]
	if doc.get("group_owner") and doc.group_owner != (before.get("group_owner") if before else None):
		new.append(doc.group_owner)
	new = [u for u in new if u and u != frappe.session.user]
	if not new:
		return
	title = doc.get("account_name") or doc.get("group_name") or doc.name
	notify(
		new,
		doc,
		lambda lang: _("You have been named administrator of {0} {1}.", lang).format(
			_(doc.doctype, lang), bold(title)
		),
	)
