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

The rules that read the site (target accounts, H4.4, screening, justification, checklist) are in
``content/publication.py``; this controller calls them in order.
"""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime, today

from socialmedia_governance.content import publication
from socialmedia_governance.content.publication import (  # noqa: F401 - re-exported for callers
	PublicationRequestError,
)
from socialmedia_governance.filing.approval_flow import OPEN_STEPS, StepApprovalMixin
from socialmedia_governance.policy import content, routes
from socialmedia_governance.registry.people import step_approvers
from socialmedia_governance.registry.platform_record import PlatformRecord
from socialmedia_governance.registry.settings import site_lang

FROZEN_WHILE_PENDING = ("title", "content", "category")


class PublicationRequest(StepApprovalMixin, PlatformRecord):
	flow_error = PublicationRequestError
	platform_error = PublicationRequestError
	# the request's account is its first target's (all targets are of one unit)
	platform_fields = (("account", "name"), "owner_unit", "tier", "supervisor")
	copy_title = False

	def before_insert(self):
		self.applicant = frappe.session.user
		self.application_date = today()
		self.current_step = None
		self.steps = []
		publication.set_checklist(self)

	def get_platform(self):
		"""The request names its accounts by its targets (checked after the text); the first is its
		``account``, whose unit, tier and supervisor the request copies."""
		self.validate_text()
		self._accounts = publication.target_accounts(self)
		return self._accounts[0]

	def validate_record(self, account):
		self._account = account
		publication.check_administrator(self, self._accounts)
		self.set_route()
		self.validate_frozen_while_pending()
		publication.screen(self)
		publication.check_checklist(self)
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

	# ------------------------------------------------------------------ approvers (S10)
	def before_step_approved(self, step):
		"""H5: each step's approver justifies the unresolved hits (``content.publication``)."""
		publication.justify_step(self, step)

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
