"""Every print of the app's documents shows what people typed as text (issue 16).

Frappe renders print formats with a Jinja environment that does not escape: a name saved as
``<img src="x">`` (Frappe's sanitiser keeps the tag) became a real tag on the printed page, and a
broken image made the PDF fail. Hooked as ``pdf_body_html``, this renders every print of a document
of the app's modules safely, whatever print format is chosen — found at run time, not listed:

- a print format written in Jinja (the app's own forms, or one an administrator adds later) is
  compiled with autoescape on, so every value it prints — from the document, from records it looks
  up, from its macros' arguments — is escaped; its macros return markup and are not escaped twice;
- a print format Frappe renders from its own template files (the Standard format and those made in
  the Print Format Builder) receives the document with its values escaped for the time of the
  rendering, the same values Frappe would print, restored right after; an attached file that is not
  an image is left off (Frappe would draw it as a broken image and the PDF would fail);
- the letter head and its footer, which may print the document's values too, are rendered again
  with autoescape (``escape_letter_head``).

Either way a value is shown as the user typed it: Frappe stores text containing ``<`` or ``>``
partly HTML-escaped (its XSS filter), so the value is first taken back to what was typed
(:func:`socialmedia_governance.ui.typed`) and then escaped exactly once — a reader never sees
"&lt;". Values are printed, never rendered again as a template: ``{{ 7*7 }}`` stays text."""

from __future__ import annotations

import mimetypes
from contextlib import contextmanager
from urllib.parse import urlparse

import frappe
from markupsafe import Markup, escape

from socialmedia_governance.ui import typed
from socialmedia_governance.validation import app_modules

# Field types whose value Frappe prints as markup on purpose (rich text, images) or escapes itself
# (Code): left as they are. Every other text value of the document is escaped.
RICH = frozenset(
	{"Text Editor", "HTML Editor", "Markdown Editor", "Code", "HTML", "Signature", "Image", "Attach Image"}
)


def pdf_body_html(template, args, **kwargs):
	from frappe.utils.pdf import pdf_body_html as render

	doc = args.get("doc")
	if not is_app_document(doc):
		return render(template, args, **kwargs)
	escape_letter_head(doc, args)
	if template.name is None:  # a print format's own Jinja source (from a file or the database)
		from frappe.www.printview import get_print_format

		source = get_print_format(doc.doctype, kwargs["print_format"])
		return render(autoescaping_jenv().from_string(source), args, **kwargs)
	with escaped_values(doc):  # one of Frappe's template files, the Standard format
		return render(template, args, **kwargs)


def escape_letter_head(doc, args) -> None:
	"""The letter head and its footer print the document's values escaped too. Frappe renders them
	(with ``doc``) before this hook, in its non-escaping environment, and does not say which letter
	head it chose (the one asked for, the document's, or the default): the letter heads that print
	values are rendered as Frappe did, and the one whose output Frappe used is rendered again with
	autoescape (the script Frappe appends after it is kept)."""
	wanted = [(key, args.get(key)) for key in ("letter_head", "footer") if args.get(key)]
	if not wanted:
		return
	context = {"doc": doc.as_dict()}
	jenv = frappe.get_jenv()
	for lh in frappe.get_all("Letter Head", fields=["content", "footer"], order_by="is_default desc, name"):
		for key, rendered in list(wanted):
			source = lh.content if key == "letter_head" else lh.footer
			if not source or ("{{" not in source and "{%" not in source):
				continue  # prints no value: nothing to escape
			try:
				raw = jenv.from_string(source).render(context)
			except Exception:  # another letter head that cannot print this document: not the one used
				continue
			if raw and rendered.startswith(raw):
				args[key] = autoescaping_jenv().from_string(source).render(context) + rendered[len(raw) :]
				wanted.remove((key, rendered))
		if not wanted:
			return


def is_app_document(doc) -> bool:
	meta = getattr(doc, "meta", None)
	return meta is not None and meta.module in app_modules()


def autoescaping_jenv():
	"""Frappe's print environment (same sandbox, globals, filters, loader) with autoescape on and a
	template cache of its own, so a macro file is never shared with the non-escaping environment."""
	jenv = frappe.get_jenv()
	cached = getattr(frappe.local, "smg_autoescaping_jenv", None)
	if cached is None or cached.linked_to is not jenv:
		cached = jenv.overlay(autoescape=True, cache_size=100, finalize=as_typed)
		frappe.local.smg_autoescaping_jenv = cached
	return cached


def as_typed(value):
	"""Every ``{{ value }}``: text as typed, escaped (autoescape leaves the result alone); markup made
	by the template itself (a macro's output) is kept."""
	if isinstance(value, str) and not isinstance(value, Markup):
		return Markup(shown(value))
	return value


def shown(value: str) -> str:
	"""``value`` as typed, escaped once for HTML. "=" is escaped too: before making the PDF, Frappe
	rewrites every ``src=``/``href=`` it finds in the page, in text as well, into an address on the
	site (typed ``<img src="x">`` would print as ``src=http://…/"x"``)."""
	return str(escape(typed(value))).replace("=", "&#61;")


@contextmanager
def escaped_values(doc):
	"""The document (and its child rows, and the titles shown for its links) with every value
	escaped, for the time of a rendering."""
	saved: list[tuple[object, str, object]] = []

	def replace(obj, attribute, value):
		saved.append((obj, attribute, obj.__dict__.get(attribute)))
		obj.__dict__[attribute] = value

	try:
		for row in [doc, *doc.get_all_children()]:
			for df in row.meta.fields:
				value = row.get(df.fieldname)
				if df.fieldtype == "Attach" and value and not is_image(value):
					# Frappe prints an attachment as <img>: a PDF or a spreadsheet is a broken image,
					# and wkhtmltopdf fails the whole PDF on it. Such a file is left off the print.
					replace(row, df.fieldname, None)
				elif isinstance(value, str) and df.fieldtype not in RICH:
					replace(row, df.fieldname, shown(value))
			replace(row, "name", shown(row.name) if isinstance(row.name, str) else row.name)
		titles = doc.get("__link_titles")
		if titles:
			replace(doc, "__link_titles", {escape_link_key(k): shown(v) for k, v in titles.items()})
		yield doc
	finally:
		for obj, attribute, value in reversed(saved):
			obj.__dict__[attribute] = value


def is_image(url: str) -> bool:
	return (mimetypes.guess_type(urlparse(url).path)[0] or "").startswith("image/")


def escape_link_key(key: str) -> str:
	"""``"DocType::name"`` as Frappe looks it up once the link's value is escaped."""
	doctype, _sep, name = key.partition("::")
	return f"{doctype}::{shown(name)}"
