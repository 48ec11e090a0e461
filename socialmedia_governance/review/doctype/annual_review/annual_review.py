# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""One platform's annual inspection report and its review (S16, H7.3).

The administrators fill the report and submit it; the reviewer resolved for the tier (the
Propaganda Department for tiers 1–2, the head of the tier-2 unit for tier 3) records the outcome:
pass, rectify (with a deadline and a re-review), or fail (the platform is suspended and a
closure is opened, S16 "ordered to close")."""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from socialmedia_governance import ui
from socialmedia_governance.policy import access, platforms
from socialmedia_governance.policy import review as rules
from socialmedia_governance.registry.people import acts_for
from socialmedia_governance.registry.platform_record import PlatformRecord
from socialmedia_governance.registry.register import allow_process_update
from socialmedia_governance.review.campaign import update_counts

REPORT_FIELDS = (
	"posts_in_year",
	"followers",
	"incidents",
	"corrections",
	"training_sessions",
	"credential_rotated",
	"report_attachment",
	"self_assessment",
)


class AnnualReviewError(frappe.ValidationError):
	pass


class AnnualReview(PlatformRecord):
	platform_error = AnnualReviewError
	# the campaign copies the platform's title, unit and tiers when it opens the review: the
	# review keeps that year's picture (its reviewer was resolved from it)
	platform_fields = ()
	copy_title = False

	def autoname(self):
		self.name = f"{self.campaign}-{self.platform_record}"

	def validate_record(self, platform):
		self.validate_platform_open(platform)
		self.validate_report_edit()
		self.validate_outcome()

	def on_update(self):
		before = self.get_doc_before_save()
		if self.outcome and (before is None or before.outcome != self.outcome):
			self.apply_outcome()
		update_counts(self.campaign, {self.owner_unit, before.owner_unit if before else self.owner_unit})

	def after_delete(self):
		update_counts(self.campaign, {self.owner_unit})

	# ------------------------------------------------------------------ checks
	def is_administrator(self, user: str) -> bool:
		platform = self.get_platform()
		return user in acts_for(platform)

	def validate_platform_open(self, platform):
		if platform.status == platforms.CLOSED and self.has_value_changed("self_assessment"):
			frappe.throw(
				_("{0} is closed: no annual report can be filed for it.").format(
					ui.bold(self.platform_title)
				),
				AnnualReviewError,
			)

	def validate_report_edit(self):
		before = self.get_doc_before_save()
		if not before or self.flags.from_campaign:
			return
		changed = [f for f in REPORT_FIELDS if (before.get(f) or None) != (self.get(f) or None)]
		if changed and before.status == rules.REVIEWED and not self.flags.ignore_permissions:
			frappe.throw(_("The report was reviewed already and cannot be changed."), AnnualReviewError)

	def may_review(self, user: str) -> bool:
		return (
			user == self.reviewer
			or access.PROPAGANDA_MANAGER in frappe.get_roles(user)
			or user == "Administrator"
		)

	def validate_outcome(self):
		before = self.get_doc_before_save()
		if (before.outcome if before else None) == self.outcome and (
			before.rectify_deadline if before else None
		) == self.rectify_deadline:
			return
		if not self.outcome:
			return
		user = frappe.session.user
		if not self.may_review(user):
			frappe.throw(
				_(
					"Only the reviewer of this platform ({0}) or the Propaganda Department may record the outcome."
				).format(self.reviewer or "-"),
				frappe.PermissionError,
			)
		if self.is_administrator(user):
			frappe.throw(_("You cannot review a platform you administer."), AnnualReviewError)
		if self.status == rules.PENDING_REPORT:
			frappe.throw(_("The administrators have not submitted the annual report yet."), AnnualReviewError)
		problems = rules.outcome_problems(
			self.outcome, getdate(self.rectify_deadline) if self.rectify_deadline else None, getdate(today())
		)
		messages = {
			"unknown_outcome": _("Unknown outcome {0}.").format(self.outcome),
			"rectify_needs_deadline": _("A rectify outcome needs a deadline."),
			"rectify_deadline_past": _("The rectification deadline must be in the future."),
		}
		if problems:
			frappe.throw("<br>".join(messages[p] for p in problems), AnnualReviewError)
		self.status = rules.REVIEWED
		self.reviewed_by = user
		self.reviewed_on = now_datetime()

	# ------------------------------------------------------------------ effects
	def apply_outcome(self):
		platform = self.get_platform()
		new_status = rules.STATUS_AFTER[self.outcome]
		if new_status and platform.status != new_status and platform.status != platforms.CLOSED:
			allow_process_update(platform)
			platform.status = new_status
			platform.save(ignore_permissions=True)
		if self.outcome == rules.RECTIFY:
			self.create_re_review()
		if self.outcome == rules.FAIL:
			self.open_closure()

	def create_re_review(self):
		name = f"{self.name}-R"
		if frappe.db.exists("Annual Review", name):
			return
		doc = frappe.copy_doc(self, ignore_no_copy=False)
		for field in (
			*REPORT_FIELDS,
			"outcome",
			"rectify_deadline",
			"reviewer_comments",
			"reviewed_by",
			"reviewed_on",
			"submitted_by",
			"submitted_on",
		):
			doc.set(field, None)
		doc.status = rules.PENDING_REPORT
		doc.is_overdue = 0
		doc.due_date = self.rectify_deadline
		doc.re_review_of = self.name
		doc.name = name
		doc.flags.name_set = True
		doc.flags.from_campaign = True
		doc.insert(ignore_permissions=True, set_name=name)

	def open_closure(self):
		"""S16: a failed platform is ordered to close. The closure request (when that process is
		installed) is opened for the Propaganda Department to file."""
		if not frappe.db.exists("DocType", "Closure Request"):
			return
		from socialmedia_governance.filing.doctype.closure_request.closure_request import open_closure

		open_closure(
			self.platform_doctype,
			self.platform_record,
			_("Failed the annual review {0}").format(self.campaign),
			ordered_by_review=True,
		)


@frappe.whitelist()
def submit_report(name: str):
	"""The administrators submit the annual inspection report to the reviewer."""
	doc = frappe.get_doc("Annual Review", name)
	doc.check_permission("write")
	if doc.status != rules.PENDING_REPORT:
		frappe.throw(_("The report was submitted already."), AnnualReviewError)
	if frappe.db.get_value(doc.platform_doctype, doc.platform_record, "status") == platforms.CLOSED:
		frappe.throw(
			_("{0} is closed: no annual report can be filed for it.").format(ui.bold(doc.platform_title)),
			AnnualReviewError,
		)
	if not (doc.self_assessment or "").strip():
		frappe.throw(_("Please fill in the self-assessment before submitting."), AnnualReviewError)
	doc.status = rules.SUBMITTED
	doc.is_overdue = 0
	doc.submitted_by = frappe.session.user
	doc.submitted_on = now_datetime()
	doc.save()
	return doc.status
