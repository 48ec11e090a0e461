# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Hostile text in emails (issue 9) and in every print (issue 16): names and descriptions typed by
users reach people in reminder digests, incident notices and printed forms. They must arrive as
the user typed them — shown as text, never as markup, never evaluated as a template, and not
mangled into visible "&lt;" escapes.

Issue 16: the values are those that survive Frappe's sanitiser on save (``<img src=x>`` is kept as
a tag, ``<a href=javascript:…>`` loses its link but stays a tag, Jinja syntax is plain text), written
into every free-text field of a record of the DocType being printed and of every record of the app
it links to. Every print format of the app (found at run time) and the Standard format of every
DocType of the app are rendered as the desk's print view and as PDF."""

from email import message_from_bytes, policy
from email.header import decode_header, make_header
from html import unescape

import frappe
from bs4 import BeautifulSoup
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, now_datetime, today
from frappe.utils.html_utils import sanitize_html

from socialmedia_governance import ui, validation
from socialmedia_governance.notifications import reminders
from socialmedia_governance.tests.base import (
	norm,
	on_platform,
	pdf_text,
	remove_records,
	restore_single,
	snapshot_single,
)
from socialmedia_governance.tests.factories import (
	ensure_outgoing_email_account,
	make_account,
	make_active,
	make_group,
	make_school,
)

HOSTILE = "<script>alert(1)</script>{{ 7*7 }}&"


def parts(raw: str) -> tuple[str, str]:
	"""The decoded subject and HTML body of a queued message."""
	message = message_from_bytes(raw.encode(), policy=policy.default)
	subject = str(make_header(decode_header(message["Subject"])))
	html = "\n".join(p.get_content() for p in message.walk() if p.get_content_type() == "text/html")
	return subject, html


class TestHostileTextInEmails(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = make_school()
		ensure_outgoing_email_account()
		frappe.db.commit()

	def assert_shown_as_typed(self, html: str, name: str):
		escaped = frappe.utils.escape_html(name)
		self.assertIn(escaped, html)  # the text, escaped once: the reader sees exactly what was typed
		self.assertNotIn("<script>", html)
		self.assertNotIn("&amp;lt;", html)  # not escaped twice (the reader would see "&lt;")

	def digests(self, group, day) -> list[str]:
		"""The reminder digests of ``day`` queued for the counsellor that name ``group``."""
		reminders.daily(day)
		return [
			q.message
			for q in frappe.get_all(
				"Email Queue", filters={"reference_doctype": "Reminder Settings"}, fields=["name", "message"]
			)
			if frappe.db.exists("Email Queue Recipient", {"parent": q.name, "recipient": self.s.u("fdy_xx")})
			and group.name in q.message
		]

	def incident_notice(self, acc, url: str, description: str):
		"""An incident on ``acc`` is reported: the incident, the subject and HTML of its first notice."""
		incident = frappe.get_doc(
			on_platform(
				acc,
				"Incident",
				found_on=add_to_date(now_datetime(), hours=-1),
				url=url,
				description=description,
			)
		).insert(ignore_permissions=True)
		messages = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Incident", "reference_name": incident.name},
			pluck="message",
		)
		self.assertTrue(messages)
		return (incident, *parts(messages[0]))

	def test_issue_16_a_name_of_markup_only_is_refused_saying_so(self):
		frappe.local.lang = "zh"
		try:
			with self.assertRaises(validation.FieldTypeError) as refused:
				make_account(self.s.units["kj"], "<img src=x>")
		finally:
			frappe.local.lang = "en"
		self.assertIn("只有 HTML 标记", str(refused.exception))
		message = str(refused.exception)
		self.assertNotIn("<img", message)  # what was typed is shown as text, never as a tag …
		self.assertIn("<img src=x>", unescape(message))  # … and reads as what was typed

	def assert_dom_shows(self, html: str, stored: str):
		"""Issue 16: markup that survives Frappe's sanitiser stays text in the message."""
		page = BeautifulSoup(html, "html.parser")
		self.assertEqual(page.find_all("img", src="x"), [])
		self.assertEqual([a for a in page.find_all("a") if a.get_text() == "点我"], [])
		self.assertIn(ui.typed(stored), page.get_text())
		self.assertNotIn("&lt;", page.get_text())

	def test_issue_16_sanitiser_surviving_markup_in_the_digest_and_the_incident_notice(self):
		s = self.s
		group = make_active(
			make_group(s.units["xx_class"], s.u("fdy_xx"), f"群{SHORT_TYPED}{s.suffix}", member_count=95),
			filed=False,
		)
		self.assertIn('<img src="x">', group.group_name)  # kept as a tag by Frappe's sanitiser
		digests = self.digests(group, add_days(today(), 61))
		self.assertTrue(digests)
		self.assert_dom_shows(parts(digests[-1])[1], group.group_name)

		acc = make_active(make_account(s.units["kj"], f"号{SHORT_TYPED}{s.suffix}"))
		incident, subject, html = self.incident_notice(acc, "https://mp.weixin.qq.com/s/hostile16", TYPED)
		self.assertIn(ui.typed(acc.account_name), subject)
		self.assert_dom_shows(html, incident.description)

	def test_a_hostile_group_name_in_the_reminder_digest(self):
		s = self.s
		name = f"群{HOSTILE}{s.suffix}"
		group = make_active(
			make_group(s.units["xx_class"], s.u("fdy_xx"), name, member_count=90), filed=False
		)
		mine = self.digests(group, add_days(today(), 60))
		self.assertEqual(len(mine), 1)
		_subject, html = parts(mine[0])
		self.assert_shown_as_typed(html, name)

	def test_a_hostile_account_name_and_description_in_the_incident_notice(self):
		s = self.s
		acc = make_active(make_account(s.units["kj"], f"号{HOSTILE}{s.suffix}"))
		_incident, subject, html = self.incident_notice(
			acc, "https://mp.weixin.qq.com/s/hostile", f"描述{HOSTILE}"
		)
		self.assertIn(f"号{HOSTILE}{s.suffix}", subject)  # a subject is plain text: as typed
		self.assert_shown_as_typed(html, f"描述{HOSTILE}")


# --------------------------------------------------------------------------------- prints
# What a user may type that Frappe's sanitiser lets through as markup or that Jinja would evaluate
# (SHORT, its beginning, for fields too short for all of it)
SHORT_TYPED = "<img src=x>{{ 7*7 }}"
TYPED = SHORT_TYPED + '"引号"\'单\'{% raw %}R{% endraw %}<a href="javascript:alert(1)">点我</a><b>粗</b>汉字'
STORED = sanitize_html(TYPED)  # as Frappe saves it: <img src="x"> … <a>点我</a><b>粗</b> …
SHORT = sanitize_html(SHORT_TYPED)
LINKS = ("Link", "Dynamic Link")


def app_modules() -> list[str]:
	return frappe.get_module_list("socialmedia_governance")


def app_print_formats() -> list[frappe._dict]:
	"""Every print format of the app's DocTypes: the app's own and any added on the site."""
	doctypes = frappe.get_all("DocType", filters={"module": ("in", app_modules())}, pluck="name")
	return frappe.get_all(
		"Print Format",
		filters={"doc_type": ("in", doctypes), "disabled": 0},
		fields=["name", "doc_type"],
		order_by="name",
	)


def hostile_values(meta) -> dict:
	"""Every free-text field of ``meta`` with the stored hostile text (SHORT where it must fit)."""
	values = {}
	for df in validation.free_text_fields(meta):
		limit = df.length or (140 if df.fieldtype == "Data" else 10_000)
		value = next((v for v in (STORED, SHORT) if len(v) + 6 <= limit), None)
		if value:  # a unique field gets its own copy (the text shown stays, a suffix follows)
			values[df.fieldname] = f"{value}{frappe.generate_hash(length=6)}" if df.unique else value
	return values


def make_hostile(doctype: str, name: str) -> list[tuple[str, str, dict]]:
	"""Every free-text field of the record (and of its child rows) holds the stored hostile text.
	Returns what was there before, (doctype, name, values) per row written, for ``undo_hostile``."""
	meta = frappe.get_meta(doctype)
	rows = [(doctype, name)] + [
		(table.options, row)
		for table in meta.get_table_fields()
		for row in frappe.get_all(
			table.options, filters={"parent": name, "parenttype": doctype}, pluck="name"
		)
	]
	before = []
	for row_doctype, row_name in rows:
		if values := hostile_values(frappe.get_meta(row_doctype)):
			before.append(
				(
					row_doctype,
					row_name,
					frappe.db.get_value(row_doctype, row_name, list(values), as_dict=True),
				)
			)
			frappe.db.set_value(row_doctype, row_name, values, update_modified=False)
	frappe.clear_document_cache(doctype, name)
	return before


def undo_hostile(before: list[tuple[str, str, dict]]) -> None:
	"""Puts back what ``make_hostile`` overwrote in records the test did not make (a shared platform:
	later tests validate identifiers against its example)."""
	for doctype, name, values in reversed(before):
		frappe.db.set_value(doctype, name, values, update_modified=False)
		frappe.clear_document_cache(doctype, name)


def linked_records(doctype: str, name: str) -> set[tuple[str, str]]:
	"""The records of the app's DocTypes the record links to (the forms print their names too)."""
	doc = frappe.get_doc(doctype, name)
	out = set()
	for row in [doc, *doc.get_all_children()]:
		for df in row.meta.fields:
			if df.fieldtype not in LINKS or not row.get(df.fieldname):
				continue
			target = df.options if df.fieldtype == "Link" else row.get(df.options)
			if (
				target
				and frappe.db.exists("DocType", target)
				and frappe.get_meta(target).module in app_modules()
				and not frappe.get_meta(target).issingle
			):
				out.add((target, row.get(df.fieldname)))
	return out


def prints_free_text(doctype: str) -> bool:
	"""Whether Frappe's Standard format prints a free-text field of the DocType (or of its rows)."""
	meta = frappe.get_meta(doctype)
	tables = [frappe.get_meta(t.options) for t in meta.get_table_fields() if not (t.hidden or t.print_hide)]
	return any(
		not (df.hidden or df.print_hide) for m in (meta, *tables) for df in validation.free_text_fields(m)
	)


class TestHostileTextInPrints(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		from socialmedia_governance.tests.test_hostile_input import app_doctypes, build_records

		cls.settings = snapshot_single("Governance Settings")
		cls.records, cls.cleanup = build_records(make_school())
		cls.doctypes = [d for d in app_doctypes() if not frappe.get_meta(d).issingle]
		frappe.db.set_single_value("Governance Settings", "institution_name", STORED)
		made = set(cls.cleanup)
		cls.overwritten = []
		for doctype in cls.doctypes:
			for name in cls.records.get(doctype, []):
				for target in {(doctype, name), *linked_records(doctype, name)}:
					before = make_hostile(*target)
					if target not in made:
						made.add(target)  # its values before the first overwrite are the ones to restore
						cls.overwritten += before
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		remove_records(cls.cleanup)
		undo_hostile(cls.overwritten)
		restore_single("Governance Settings", cls.settings)
		frappe.db.commit()
		super().tearDownClass()

	def assert_shown_as_text(self, html: str, where: str, expect_text: bool = True):
		page = BeautifulSoup(html, "html.parser")
		self.assertEqual(page.find_all("img", src="x"), [], f"{where}: a typed <img> became an image")
		self.assertEqual(
			[a for a in page.find_all("a") if a.get_text() == "点我"], [], f"{where}: a typed link"
		)
		self.assertEqual(
			[b for b in page.find_all("b") if b.get_text() == "粗"], [], f"{where}: typed markup"
		)
		shown = page.get_text()
		if expect_text:
			self.assertIn(ui.typed(SHORT), shown, f"{where}: the typed text is not shown as typed")
		self.assertNotIn("&lt;", shown, f"{where}: escaped twice")

	def record(self, doctype: str) -> str:
		names = self.records.get(doctype)
		self.assertTrue(names, f"no record of {doctype} to print")
		return names[0]

	def test_issue_16_every_print_format_of_the_app_as_html_and_pdf(self):
		formats = app_print_formats()
		self.assertIn("开设审批表", [f.name for f in formats])
		for pf in formats:
			name = self.record(pf.doc_type)
			with self.subTest(print_format=pf.name):
				self.assert_printed(pf.doc_type, name, pf.name)

	def test_issue_16_the_standard_print_of_every_doctype_of_the_app(self):
		for doctype in self.doctypes:
			with self.subTest(doctype=doctype):
				self.assert_printed(doctype, self.record(doctype), "Standard", prints_free_text(doctype))

	def test_issue_16_a_letter_head_printing_the_documents_values_escapes_them(self):
		"""A letter head (and its footer) may print the document's values with Jinja; Frappe renders it
		without escaping before any print format runs. Every string value of the document goes into
		the letter head here, for every print format of the app and the Standard print of every
		DocType (found at run time)."""
		every_value = (
			"{% for key, value in doc.items() %}{% if value is string %}<span>{{ value }}</span>"
			"{% endif %}{% endfor %}"
		)
		letter_head = frappe.get_doc(
			{
				"doctype": "Letter Head",
				"letter_head_name": f"印有文书内容的信头{frappe.generate_hash(length=6)}",
				"source": "HTML",
				"footer_source": "HTML",
				"content": f'<div class="smg-lh">{every_value}</div>',
				"footer": f'<div class="smg-lf">{every_value}</div>',
			}
		).insert(ignore_permissions=True)
		prints = [(pf.doc_type, pf.name) for pf in app_print_formats()]
		prints += [(doctype, "Standard") for doctype in self.doctypes]
		from frappe.www.printview import get_html_and_style

		printed = []
		try:
			for doctype, print_format in prints:
				name = self.record(doctype)
				with self.subTest(doctype=doctype, print_format=print_format):
					html = get_html_and_style(
						doctype, name, print_format=print_format, letterhead=letter_head.name
					)["html"]
					page = BeautifulSoup(html, "html.parser")
					# an app's own form may print no letter head; the footer goes to the PDF's footer
					for block in page.find_all("div", class_=["smg-lh", "smg-lf"]):
						printed.append(print_format)
						self.assert_shown_as_text(
							str(block),
							f"letter head of {print_format} ({doctype} {name})",
							prints_free_text(doctype),
						)
			self.assertIn("Standard", printed, "no print showed the letter head: nothing was tried")
		finally:
			frappe.delete_doc("Letter Head", letter_head.name, ignore_permissions=True, force=True)
			frappe.db.commit()

	def assert_printed(self, doctype: str, name: str, print_format: str, expect_text: bool = True):
		from frappe.www.printview import get_html_and_style

		where = f"{print_format} ({doctype} {name})"
		# the desk's print preview
		preview = get_html_and_style(doctype, name, print_format=print_format, no_letterhead=1)["html"]
		self.assert_shown_as_text(preview, where, expect_text)
		# the /printview page and its PDF (the download)
		html = frappe.get_print(doctype, name, print_format=print_format, no_letterhead=1)
		self.assert_shown_as_text(html, where, expect_text)
		pdf = frappe.get_print(doctype, name, print_format=print_format, no_letterhead=1, as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"), where)
		text = pdf_text(pdf)
		self.assertNotIn("src=http", text, f"{where}: Frappe rewrote typed text into an address")
		if expect_text:
			self.assertIn(norm('<img src="x">'), text, f"{where}: the PDF does not show the typed text")

	def test_issue_16_every_word_form_and_excel_ledger_shows_the_text_as_typed(self):
		import io
		import zipfile

		from socialmedia_governance.documents import forms, ledger, word

		typed = ui.typed(SHORT)
		for form_name, form in forms.FORMS.items():
			with self.subTest(form=form_name):
				doc = frappe.get_doc(form.doctype, self.record(form.doctype))
				xml = zipfile.ZipFile(io.BytesIO(word.render_docx(doc, form_name))).read("word/document.xml")
				shown = BeautifulSoup(xml, "html.parser").get_text()
				self.assertIn(typed, shown, form_name)
				self.assertNotIn("&lt;", shown, form_name)
		for doctype in ledger.LEDGER_DOCTYPES:
			with self.subTest(ledger=doctype):
				rows = ledger.read_back(
					ledger.ledger_bytes(doctype, [[doctype, "name", "=", self.record(doctype)]])
				)
				cells = [str(cell) for row in rows[1:] for cell in row if cell]
				self.assertTrue([c for c in cells if typed in c], doctype)
