# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""Violation and the decision on it (H4.5, H10.1, H10.2, H10.3, S17, S18).

Each member involved gets a proposed penalty from their history on this platform (first a warning,
then a serious warning, removal for serious cases — ``policy.discipline``); the officer may decide
otherwise only with a reason. Poor management with bad impact suspends or closes the platform and
bars the owner / administrators, the supervisor, the class or club and the unit from awards for the
settings' months (Award Ban records, which end by themselves). Illegal acts are referred to the
judicial authorities with the date. Deciding is submitting (Propaganda Department); a decided
violation is amended (cancel + amend), never deleted. The bans and the emails of a decision are made
by ``discipline/decisions.py``.
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

from socialmedia_governance import ui
from socialmedia_governance.discipline.decisions import create_bans, notify
from socialmedia_governance.filing.doctype.closure_request.closure_request import open_closure
from socialmedia_governance.policy import discipline, platforms
from socialmedia_governance.registry.platform_record import PlatformRecord
from socialmedia_governance.registry.register import allow_process_update
from socialmedia_governance.registry.settings import get_settings

PENALTY_ROLES = ("Member", "Administrator", "Group Owner")


class ViolationError(frappe.ValidationError):
	pass


class Violation(PlatformRecord):
	platform_error = ViolationError
	platform_fields = ("owner_unit", "tier", "supervisor")

	def validate_record(self, platform):
		category = frappe.get_cached_doc("Violation Category", self.category)
		if not (self.description or "").strip():
			frappe.throw(_("Describe what happened."), ViolationError)
		if self.evidence_url and not platforms.is_http_url(self.evidence_url.strip()):
			frappe.throw(_("The evidence link must start with http:// or https://."), ViolationError)
		if self.found_on and getdate(self.found_on) > getdate(today()):
			frappe.throw(_("The date found cannot be in the future."), ViolationError)
		self.set_proposals(category)
		self.set_consequence_defaults(category, platform)

	# ------------------------------------------------------------------ H10.2
	def set_proposals(self, category):
		seen = set()
		for row in self.persons:
			who = row.user or (row.person_name or "").strip()
			if not who:
				frappe.throw(_("Row {0}: name the person, or choose a user.").format(row.idx), ViolationError)
			if who in seen:
				frappe.throw(_("{0} is listed twice.").format(ui.bold(who)), ViolationError)
			seen.add(who)
			if row.role_in_platform not in PENALTY_ROLES:
				row.prior_penalties, row.proposed_penalty = 0, ""
				continue
			row.prior_penalties = prior_penalties(self, who)
			row.proposed_penalty = discipline.propose(row.prior_penalties, bool(category.is_serious))
			row.penalty = row.penalty or row.proposed_penalty
			if (
				discipline.needs_reason(row.proposed_penalty, row.penalty)
				and not (row.override_reason or "").strip()
			):
				frappe.throw(
					_("{0}: the proposed penalty is {1}; give a reason for deciding {2}.").format(
						ui.bold(who), _(row.proposed_penalty), _(row.penalty)
					),
					ViolationError,
				)

	# ------------------------------------------------------------------ H10.1, H10.3, S18
	def set_consequence_defaults(self, category, platform):
		if category.is_poor_management:
			self.award_ban = 1  # H10.1, S18: the regulation bars them for a year; not the officer's choice
		if self.award_ban:
			self.ban_months = self.ban_months or get_settings().award_ban_months or 12
			if int(self.ban_months) <= 0:
				frappe.throw(_("A ban lasts at least one month."), ViolationError)
			if not self.ban_units:
				units = [platform.owner_unit]
				if platform.get("tier2_unit") and platform.tier2_unit != platform.owner_unit:
					units.append(platform.tier2_unit)
				self.set("ban_units", [{"unit": u} for u in units if u])
		if category.is_illegal and not self.referred_to_authorities:
			self.referred_to_authorities = 1
		if self.referred_on and getdate(self.referred_on) > getdate(today()):
			frappe.throw(_("The referral date cannot be in the future."), ViolationError)

	def before_submit(self):
		if self.referred_to_authorities and not self.referred_on:
			frappe.throw(
				_("Illegal acts are handed to the judicial authorities: enter the date of the referral."),
				ViolationError,
			)
		self.decided_on = today()
		self.decided_by = frappe.session.user

	def on_submit(self):
		platform = self.get_platform()
		if self.platform_action == "Suspend" and platform.status not in (
			platforms.SUSPENDED,
			platforms.CLOSED,
		):
			allow_process_update(platform)
			platform.status = platforms.SUSPENDED
			platform.save(ignore_permissions=True)
		elif self.platform_action == "Close":
			open_closure(
				self.platform_doctype,
				self.platform_record,
				_("Closed after violation {0}: {1}").format(self.name, self.category),
				ordered_by_review=False,
			)
		if self.award_ban:
			create_bans(self, platform)
		notify(self)

	def before_cancel(self):
		self.flags.cancelled_bans = frappe.get_all(
			"Award Ban", filters={"violation": self.name}, pluck="name"
		)

	def on_cancel(self):
		frappe.db.delete("Award Ban", {"violation": self.name})

	def on_trash(self):
		if self.docstatus == 1:
			frappe.throw(
				_("A decided violation is never deleted: cancel and amend it to correct the decision."),
				ViolationError,
			)


def prior_penalties(doc, who: str) -> int:
	"""Penalties already decided for this person on this platform (H10.2)."""
	return frappe.db.sql(
		"""select count(*) from `tabViolation Person` p join `tabViolation` v on v.`name` = p.`parent`
		where v.`docstatus` = 1 and v.`platform_doctype` = %s and v.`platform_record` = %s and v.`name` != %s
			and (p.`user` = %s or (ifnull(p.`user`, '') = '' and p.`person_name` = %s))
			and p.`penalty` in %s""",
		(doc.platform_doctype, doc.platform_record, doc.name or "", who, who, discipline.LADDER),
	)[0][0]
