"""A publication request's rules that read the site (S9, S10, H4.4, H5, S11, H4.6): its target
accounts, the screening of its text against the lexicon, each step's justification and the
attestation checklist. The controller (``content/doctype/publication_request``) keeps the life
cycle and calls these in order; the pure parts are in ``policy/content.py`` and
``policy/screening.py``."""

from __future__ import annotations

import frappe
from frappe import _

from socialmedia_governance import ui
from socialmedia_governance.content import lexicon
from socialmedia_governance.filing.approval_flow import OPEN_STEPS
from socialmedia_governance.policy import content, platforms, screening
from socialmedia_governance.registry.people import administrators
from socialmedia_governance.registry.settings import get_settings, site_lang

ACCOUNT = "Social Media Account"
MATCHED_CHARS = 140  # of a hit's matched text kept on its row


class PublicationRequestError(frappe.ValidationError):
	pass


def error(message: str, **kwargs):
	frappe.throw(message, PublicationRequestError, **kwargs)


# ---------------------------------------------------------------------------- target accounts (S10)
def target_accounts(doc) -> list:
	"""The target accounts' documents: each exists, is listed once and is active; all of one unit
	(they share a supervising leader). The rows get the account's name and platform."""
	if not doc.targets:
		error(_("Choose at least one target account."))
	seen, accounts = set(), []
	for row in doc.targets:
		if not row.account or not frappe.db.exists(ACCOUNT, row.account):
			error(_("Account {0} does not exist.").format(row.account or ""))
		if row.account in seen:
			error(_("Account {0} is listed twice.").format(row.account))
		seen.add(row.account)
		account = frappe.get_doc(ACCOUNT, row.account)
		if account.status != platforms.ACTIVE:
			error(
				_("{0} is {1}: only active, filed accounts may publish.").format(
					ui.bold(account.account_name), _(account.status)
				)
			)
		row.account_name = account.account_name
		row.platform = account.platform
		accounts.append(account)
	units = {a.owner_unit for a in accounts}
	if len(units) > 1:
		error(
			_(
				"One request covers the accounts of one unit (they share a supervising leader); these belong to {0}."
			).format(", ".join(sorted(units)))
		)
	return accounts


def check_administrator(doc, accounts) -> None:
	"""H4.4: charity appeals and advertising come from an administrator of each account."""
	if doc.category not in content.NEEDS_ADMINISTRATOR or not doc.is_new():
		return
	user = frappe.session.user
	missing = [a.account_name for a in accounts if user not in administrators(a)]
	if missing:
		error(
			_(
				"Charity appeals and advertising are submitted by an administrator of the account and reviewed by its supervisor; you do not administer {0}."
			).format(", ".join(missing))
		)


# ---------------------------------------------------------------------------- screening (S9, H5)
def screen(doc) -> None:
	"""Screen the title and text against the lexicon on every save and list the hits in context.

	A hit's resolution is kept while the text stays the same (``policy.content.resolve_hit``);
	only the approver of the step as stored (the form's copy of a read-only field is not trusted)
	resolves a hit or records a justification; an edited text starts afresh."""
	before = doc.get_doc_before_save()
	hits, version = lexicon.screen_text(f"{doc.title}\n{doc.content or ''}")
	text_changed = not before or before.title != doc.title or before.content != doc.content
	requested = {} if text_changed else {row.term: row for row in doc.hits}
	previous = {} if not before or text_changed else {row.term: row for row in before.hits}
	user = frappe.session.user
	approver = bool(before) and user != doc.applicant and user in (before.current_approvers or "").split("\n")
	rows = []
	for hit in hits:
		asked, old = requested.get(hit.term), previous.get(hit.term)
		resolved, note, resolved_by, changed = content.resolve_hit(
			(bool(asked.resolved), asked.resolution_note) if asked else None,
			(bool(old.resolved), old.resolution_note or "", old.resolved_by) if old else None,
			user,
		)
		if changed and not approver:
			error(_("Only the approver of the current step may resolve screening hits."))
		rows.append(
			{
				"term": hit.term,
				"category": hit.category,
				"matched": hit.matched[:MATCHED_CHARS],
				"context": hit.context,
				"position": hit.start,
				"severity": hit.severity,
				"resolved": 1 if resolved else 0,
				"resolution_note": note,
				"resolved_by": resolved_by,
			}
		)
	doc.set("hits", rows)
	doc.lexicon_version = version
	doc.unresolved_hits = len(screening.unresolved(hits, [r["term"] for r in rows if r["resolved"]]))
	if text_changed and before:
		doc.screening_justification = ""
	elif before and (before.screening_justification or "") != (doc.screening_justification or ""):
		if not approver:
			error(_("Only the approver of the current step may record a justification."))
	lang = site_lang()
	if not hits:
		doc.screening_summary = _("No sensitive words found.", lang=lang)
	else:
		counts = screening.summarise(hits)
		doc.screening_summary = _("{0} hits ({1} unresolved): {2}", lang=lang).format(
			len(hits), doc.unresolved_hits, "，".join(f"{c} {n}" for c, n in counts.items())
		)


def justify_step(doc, step: str) -> None:
	"""H5: each step's approver answers for the unresolved hits in their own words. The
	justification is kept on the step's row (who, when, how many hits) and the field is emptied,
	so the next step's approver does not approve on the strength of an earlier one's."""
	justification = (doc.screening_justification or "").strip()
	if doc.unresolved_hits and not justification:
		error(
			_(
				"{0} sensitive-word hits are unresolved: resolve them or record your own justification before approving."
			).format(doc.unresolved_hits),
			title=_("Screening"),
		)
	pending = [row for row in doc.steps if row.step == step and row.status == "Pending"]
	if pending and doc.unresolved_hits:
		pending[-1].unresolved_hits = doc.unresolved_hits
		pending[-1].justification = justification
	doc.screening_justification = ""


# ---------------------------------------------------------------------------- checklist (S9/H5, S11, H4.6)
def set_checklist(doc) -> None:
	"""The attestation rows of the settings; ticks sent with them are kept."""
	ticked = {(r.clause, r.item) for r in doc.checklist or [] if r.confirmed}
	doc.set(
		"checklist",
		[
			{"clause": r.clause, "item": r.item, "confirmed": 1 if (r.clause, r.item) in ticked else 0}
			for r in get_settings().publication_checklist
		],
	)


def check_checklist(doc) -> None:
	"""The items cannot be changed, only ticked; every one is ticked before the request is sent."""
	before = doc.get_doc_before_save()
	if before and [(r.clause, r.item) for r in before.checklist] != [
		(r.clause, r.item) for r in doc.checklist
	]:
		error(_("The checklist items cannot be changed, only ticked."))
	previous = before.current_step if before else None
	if doc.current_step in OPEN_STEPS and previous not in OPEN_STEPS:
		missing = content.unconfirmed((r.clause, bool(r.confirmed)) for r in doc.checklist)
		if missing:
			error(
				_("Attest every item of the checklist before sending the request: {0} not ticked.").format(
					", ".join(missing)
				)
			)
