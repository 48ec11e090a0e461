# Copyright (c) 2026, socialmedia_governance developers and contributors
# For license information, please see license.txt
"""Coordinated release (H8): in major events or crises every chosen account publishes the school's
unified information. Issuing (submitting) the release creates one Release Task per targeted
active account in one INSERT … SELECT; each account's administrator confirms publication with
the link; stragglers are listed (Release Task list, Coordinated Release Progress report) and
reminded by email, one message per person."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, get_url_to_form, now_datetime

from socialmedia_governance import mail, ui
from socialmedia_governance.policy import content, platforms

TASK = "Release Task"
UNIT = "Organization Unit"


class CoordinatedReleaseError(frappe.ValidationError):
	pass


class CoordinatedRelease(Document):
	def validate(self):
		self.title = (self.title or "").strip()
		if not self.title or not (self.content or "").strip():
			frappe.throw(_("Enter the title and the text to publish."), CoordinatedReleaseError)
		if not self.selected_tiers():
			frappe.throw(_("Choose at least one tier."), CoordinatedReleaseError)
		if self.docstatus == 0:
			# the accounts it would reach, shown before it is issued (tasks are made on submit)
			self.targeted = count_targets(self)

	def selected_tiers(self) -> list[int]:
		return [tier for tier in (1, 2, 3) if self.get(f"tier_{tier}")]

	def before_submit(self):
		if not self.deadline or get_datetime(self.deadline) <= now_datetime():
			frappe.throw(_("The publication deadline must be in the future."), CoordinatedReleaseError)
		self.issued_by = frappe.session.user
		self.issued_on = now_datetime()

	def on_submit(self):
		self.targeted = create_tasks(self)
		if not self.targeted:
			frappe.throw(
				_("No active account matches the chosen tiers, units and platforms."), CoordinatedReleaseError
			)
		self.db_set({"targeted": self.targeted, "published": 0, "completion_rate": 0})

	def on_cancel(self):
		frappe.db.delete(TASK, {"release": self.name, "status": ("in", content.TASK_OPEN)})
		update_progress(self.name)

	@frappe.whitelist()
	def remind_stragglers(self) -> int:
		"""Email every administrator of an account that has not confirmed: one message per person."""
		self.check_permission("submit")
		if self.docstatus != 1:
			frappe.throw(_("Issue the release first."), CoordinatedReleaseError)
		mail.require_email()
		sent = remind(self)
		frappe.msgprint(_("Reminded {0} administrators.").format(sent), alert=True)
		return sent


def target_condition(doc) -> tuple[str, dict]:
	"""SQL over `tabSocial Media Account` a: the active accounts the release goes to (H8)."""
	conditions = ["a.`status` = %(active)s", "a.`tier` in %(tiers)s"]
	values: dict = {"active": platforms.ACTIVE, "tiers": tuple(doc.selected_tiers())}
	units = [row.unit for row in doc.units or [] if row.unit]
	if units:
		values["units"] = tuple(units)
		if doc.include_subunits:
			conditions.append(
				f"a.`owner_unit` in (select c.`name` from `tab{UNIT}` c join `tab{UNIT}` p"
				" on c.`lft` >= p.`lft` and c.`rgt` <= p.`rgt` where p.`name` in %(units)s)"
			)
		else:
			conditions.append("a.`owner_unit` in %(units)s")
	chosen = [row.platform for row in doc.platforms or [] if row.platform]
	if chosen:
		values["platforms"] = tuple(chosen)
		conditions.append("a.`platform` in %(platforms)s")
	return " and ".join(conditions), values


def count_targets(doc) -> int:
	where, values = target_condition(doc)
	return frappe.db.sql(f"select count(*) from `tabSocial Media Account` a where {where}", values)[0][0]


def create_tasks(doc) -> int:
	"""One task per targeted account, set-based; re-running adds only what is missing. Each task
	takes its account's row-level scope columns with it (the tree code keeps them afterwards)."""
	where, values = target_condition(doc)
	values.update(
		release=doc.name,
		title=doc.title,
		deadline=doc.deadline,
		user=frappe.session.user,
		now=now_datetime(),
		pending=content.TASK_PENDING,
	)
	frappe.db.sql(
		f"""insert ignore into `tab{TASK}`
			(`name`, `creation`, `modified`, `owner`, `modified_by`, `docstatus`, `idx`, `release`,
			`release_title`, `deadline`, `status`, `account`, `account_name`, `platform`, `owner_unit`, `tier`,
			`scope_tier2`, `scope_student`)
		select concat(%(release)s, '-', a.`name`), %(now)s, %(now)s, %(user)s, %(user)s, 0, 0, %(release)s,
			%(title)s, %(deadline)s, %(pending)s, a.`name`, a.`account_name`, a.`platform`, a.`owner_unit`, a.`tier`,
			a.`scope_tier2`, a.`scope_student`
		from `tabSocial Media Account` a where {where}""",
		values,
	)
	return frappe.db.count(TASK, {"release": doc.name})


def update_progress(release: str) -> None:
	targeted, published = frappe.db.sql(
		f"""select count(*), coalesce(sum(`status` in %(done)s), 0)
		from `tab{TASK}` where `release` = %(release)s""",
		{"release": release, "done": content.TASK_DONE},
	)[0]
	frappe.db.set_value(
		"Coordinated Release",
		release,
		{
			"targeted": targeted,
			"published": int(published),
			"completion_rate": content.completion_rate(int(published), targeted),
		},
		update_modified=False,
	)


def straggler_admins(release: str) -> dict[str, list]:
	"""user → the unconfirmed tasks of the accounts they administer."""
	rows = frappe.db.sql(
		f"""select adm.`user`, t.`name`, t.`account_name`, t.`status`
		from `tab{TASK}` t join `tabSocial Media Administrator` adm
			on adm.`parent` = t.`account` and adm.`parenttype` = 'Social Media Account'
		join `tabUser` u on u.`name` = adm.`user` and u.`enabled` = 1
		where t.`release` = %(release)s and t.`status` in %(open)s
		order by adm.`user`, t.`account_name`""",
		{"release": release, "open": content.TASK_OPEN},
		as_dict=True,
	)
	out: dict[str, list] = {}
	for row in rows:
		out.setdefault(row.user, []).append(row)
	return out


def remind(doc) -> int:
	by_user = straggler_admins(doc.name)
	for user, tasks in by_user.items():
		lang = mail.user_lang(user)
		lines = "".join(
			f'<li><a href="{get_url_to_form(TASK, t.name)}">{ui.text(t.account_name)}</a></li>' for t in tasks
		)
		mail.send(
			recipients=[user],
			subject=_("Please publish the unified release {0}", lang=lang).format(ui.typed(doc.title)),
			message=_(
				"Publish the text of {0} on these accounts by {1} and confirm with the link:", lang=lang
			).format(ui.text(doc.title), frappe.utils.format_datetime(doc.deadline))
			+ f"<ul>{lines}</ul>",
			reference_doctype=doc.doctype,
			reference_name=doc.name,
		)
	frappe.db.set_value(doc.doctype, doc.name, "last_reminded_on", now_datetime(), update_modified=False)
	return len(by_user)


@frappe.whitelist(methods=["POST"])
def confirm_publication(release: str, account: str, url: str, published_at: str | None = None) -> str:
	"""Confirm that ``account`` published ``release`` at ``url`` (the task's own form does the same)."""
	task = frappe.db.get_value(TASK, {"release": release, "account": account})
	if not task:
		frappe.throw(
			_("{0} was not targeted by the release {1}.").format(account, release), CoordinatedReleaseError
		)
	doc = frappe.get_doc(TASK, task)
	doc.check_permission("write")
	doc.published_url = url
	doc.published_at = published_at or now_datetime()
	doc.save()
	return doc.status
