# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""Publication request (S7, S8, S9, S10, S11, H4.4, H4.7, H5): approval before publication.

Route (``policy.content.publication_route``): the accounts' supervising leader (S10), then the
Propaganda Department for major events, emergencies, hot topics and sensitive issues (S7, S8).
The shipped Workflow "Publication Request Approval" moves the document; the steps are checked
by ``filing.approval_flow`` exactly as for opening applications.

The text is screened against the sensitive-word lexicon on every save (``content.lexicon``);
hits are listed in context with their category. An approver may mark a hit resolved; a step
cannot be approved while hits are unresolved unless the approver records a justification (H5).
The submitter attests the checklist (S9/H5 prohibited content, S11, H4.6) before sending it.
Once approved (submitted) the request is the archived text that content filings copy.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime, today

from socialmedia_governance import ui
from socialmedia_governance.content import lexicon
from socialmedia_governance.filing.approval_flow import OPEN_STEPS, StepApprovalMixin
from socialmedia_governance.permissions import recheck_scope
from socialmedia_governance.policy import content, platforms, routes, screening
from socialmedia_governance.registry.people import administrators, step_approvers
from socialmedia_governance.registry.settings import get_settings, site_lang

ACCOUNT = "Social Media Account"
FROZEN_WHILE_PENDING = ("title", "content", "category")


class PublicationRequestError(frappe.ValidationError):
	pass


class PublicationRequest(StepApprovalMixin, Document):
	flow_error = PublicationRequestError

	def before_insert(self):
		self.applicant = frappe.session.user
		self.application_date = today()
		self.current_step = None
		self.steps = []
		self.set_checklist()

	def validate(self):
		self.validate_text()
		accounts = self.validate_targets()
		self._account = accounts[0]
		self.copy_account_details(self._account)
		recheck_scope(self)
		self.validate_administrator_review(accounts)
		self.set_route()
		self.validate_frozen_while_pending()
		self.screen()
		self.validate_checklist()
		self.validate_step_change()
		self.set_current_approvers()

	def on_update(self):
		self.sync_assignments()

	def on_submit(self):
		if self.current_step != routes.APPROVED:
			frappe.throw(
				_("The request can only be submitted by its final approval."), PublicationRequestError
			)
		self.sync_assignments()

	def before_cancel(self):
		frappe.throw(
			_(
				"An approved publication request is archived and cannot be cancelled; file a correction instead."
			),
			PublicationRequestError,
		)

	# ------------------------------------------------------------------ input
	def validate_text(self):
		self.title = (self.title or "").strip()
		if not self.title or not (self.content or "").strip():
			frappe.throw(_("Enter the title and the full text to be published."), PublicationRequestError)
		if self.category not in content.CATEGORIES:
			frappe.throw(_("Choose a valid category."), PublicationRequestError)
		if self.planned_time and self.is_new() and get_datetime(self.planned_time) < now_datetime():
			frappe.throw(_("The planned publication time has passed."), PublicationRequestError)

	def validate_targets(self) -> list:
		if not self.targets:
			frappe.throw(_("Choose at least one target account."), PublicationRequestError)
		seen, accounts = set(), []
		for row in self.targets:
			if not row.account or not frappe.db.exists(ACCOUNT, row.account):
				frappe.throw(
					_("Account {0} does not exist.").format(row.account or ""), PublicationRequestError
				)
			if row.account in seen:
				frappe.throw(_("Account {0} is listed twice.").format(row.account), PublicationRequestError)
			seen.add(row.account)
			account = frappe.get_doc(ACCOUNT, row.account)
			if account.status != platforms.ACTIVE:
				frappe.throw(
					_("{0} is {1}: only active, filed accounts may publish.").format(
						ui.bold(account.account_name), _(account.status)
					),
					PublicationRequestError,
				)
			row.account_name = account.account_name
			row.platform = account.platform
			accounts.append(account)
		units = {a.owner_unit for a in accounts}
		if len(units) > 1:
			frappe.throw(
				_(
					"One request covers the accounts of one unit (they share a supervising leader); these belong to {0}."
				).format(", ".join(sorted(units))),
				PublicationRequestError,
			)
		return accounts

	def copy_account_details(self, account):
		self.account = account.name
		self.owner_unit = account.owner_unit
		self.tier = account.tier
		self.supervisor = account.supervisor

	def validate_administrator_review(self, accounts):
		"""H4.4: charity appeals and advertising come from an administrator of each account."""
		if self.category not in content.NEEDS_ADMINISTRATOR or not self.is_new():
			return
		user = frappe.session.user
		missing = [a.account_name for a in accounts if user not in administrators(a)]
		if missing:
			frappe.throw(
				_(
					"Charity appeals and advertising are submitted by an administrator of the account and reviewed by its supervisor (H4.4); you do not administer {0}."
				).format(", ".join(missing)),
				PublicationRequestError,
			)

	def set_route(self):
		owner_type = frappe.db.get_value("Organization Unit", self.owner_unit, "unit_type")
		self._steps = content.publication_route(self.category, owner_type)
		lang = site_lang()
		self.route = " → ".join(_(s, lang=lang) for s in self._steps)
		self.set_next_step()

	def validate_frozen_while_pending(self):
		"""Nobody changes what is being approved: revise after a rejection instead."""
		before = self.get_doc_before_save()
		if not before or before.current_step not in OPEN_STEPS:
			return
		changed = [f for f in FROZEN_WHILE_PENDING if (before.get(f) or "") != (self.get(f) or "")]
		if [r.account for r in before.targets] != [r.account for r in self.targets]:
			changed.append("targets")
		if changed:
			frappe.throw(
				_(
					"The request is being approved: {0} cannot be changed. Reject it so that the applicant revises it."
				).format(", ".join(_(self.meta.get_label(f)) for f in changed)),
				PublicationRequestError,
			)

	# ------------------------------------------------------------------ screening (S9, H5)
	def screening_text(self) -> str:
		return f"{self.title}\n{self.content or ''}"

	def screen(self):
		before = self.get_doc_before_save()
		hits, version = lexicon.screen_text(self.screening_text())
		text_changed = not before or before.title != self.title or before.content != self.content
		requested = {} if text_changed else {row.term: row for row in self.hits}
		previous = {} if not before or text_changed else {row.term: row for row in before.hits}
		user = frappe.session.user
		# the approvers of the step as stored (the form's copy of a read-only field is not trusted)
		approver = (
			bool(before) and user != self.applicant and user in (before.current_approvers or "").split("\n")
		)
		rows = []
		for hit in hits:
			asked = requested.get(hit.term)
			old = previous.get(hit.term)
			resolved = bool(asked.resolved) if asked else bool(old and old.resolved)
			note = (asked.resolution_note if asked else (old.resolution_note if old else "")) or ""
			was_resolved = bool(old and old.resolved)
			resolved_by = old.resolved_by if old else None
			if resolved != was_resolved or (resolved and note != ((old and old.resolution_note) or "")):
				if not approver:
					frappe.throw(
						_("Only the approver of the current step may resolve screening hits."),
						PublicationRequestError,
					)
				resolved_by = user if resolved else None
			rows.append(
				{
					"term": hit.term,
					"category": hit.category,
					"matched": hit.matched[:140],
					"context": hit.context,
					"position": hit.start,
					"severity": hit.severity,
					"resolved": 1 if resolved else 0,
					"resolution_note": note if resolved else "",
					"resolved_by": resolved_by if resolved else None,
				}
			)
		self.set("hits", rows)
		self.lexicon_version = version
		unresolved = screening.unresolved(hits, [r["term"] for r in rows if r["resolved"]])
		self.unresolved_hits = len(unresolved)
		if text_changed and before:
			self.screening_justification = ""
		elif before and (before.screening_justification or "") != (self.screening_justification or ""):
			if not approver:
				frappe.throw(
					_("Only the approver of the current step may record a justification."),
					PublicationRequestError,
				)
		lang = site_lang()
		if not hits:
			self.screening_summary = _("No sensitive words found.", lang=lang)
		else:
			counts = screening.summarise(hits)
			self.screening_summary = _("{0} hits ({1} unresolved): {2}", lang=lang).format(
				len(hits), self.unresolved_hits, "，".join(f"{c} {n}" for c, n in counts.items())
			)

	def before_step_approved(self, step):
		"""H5: each step's approver answers for the unresolved hits in their own words. The
		justification is kept on the step's row (who, when, how many hits) and the field is emptied,
		so the next step's approver does not approve on the strength of an earlier one's."""
		justification = (self.screening_justification or "").strip()
		if self.unresolved_hits and not justification:
			frappe.throw(
				_(
					"{0} sensitive-word hits are unresolved: resolve them or record your own justification before approving (H5)."
				).format(self.unresolved_hits),
				PublicationRequestError,
				title=_("Screening"),
			)
		pending = [row for row in self.steps if row.step == step and row.status == "Pending"]
		if pending and self.unresolved_hits:
			pending[-1].unresolved_hits = self.unresolved_hits
			pending[-1].justification = justification
		self.screening_justification = ""

	# ------------------------------------------------------------------ checklist
	def set_checklist(self):
		"""The attestation rows of the settings (S9/H5, S11, H4.6); ticks sent with them are kept."""
		ticked = {(r.clause, r.item) for r in self.checklist or [] if r.confirmed}
		self.set(
			"checklist",
			[
				{"clause": r.clause, "item": r.item, "confirmed": 1 if (r.clause, r.item) in ticked else 0}
				for r in get_settings().publication_checklist
			],
		)

	def validate_checklist(self):
		before = self.get_doc_before_save()
		if before and [(r.clause, r.item) for r in before.checklist] != [
			(r.clause, r.item) for r in self.checklist
		]:
			frappe.throw(_("The checklist items cannot be changed, only ticked."), PublicationRequestError)
		previous = before.current_step if before else None
		if self.current_step in OPEN_STEPS and previous not in OPEN_STEPS:
			missing = content.unconfirmed((r.clause, bool(r.confirmed)) for r in self.checklist)
			if missing:
				frappe.throw(
					_(
						"Attest every item of the checklist before sending the request: {0} not ticked."
					).format(", ".join(missing)),
					PublicationRequestError,
				)

	# ------------------------------------------------------------------ approvers (S10)
	def step_approvers(self, step):
		approvers = [a for a in step_approvers(step, self._account) if a != self.applicant]
		if not approvers and step == routes.SUPERVISOR:
			# the supervising leader asked personally: the host unit's first responsible person decides
			approvers = [a for a in (self._account.responsible_person,) if a and a != self.applicant]
		return approvers

	def assignment_description(self, lang=None):
		return _("Please review publication request {0} ({1}): step {2}.", lang).format(
			self.name, self.title, _(self.current_step, lang)
		)

	def approved_by_and_on(self):
		"""Who approved the last step, and when (for the content filing)."""
		done = [r for r in self.steps if r.status == "Approved"]
		return (done[-1].acted_by, done[-1].acted_on) if done else (None, None)
