"""Daily reminders (issues 8 and 20): every rule is ONE set-based query; the results become one
email per person per day (Email Queue, an editable Email Template; the Propaganda Department's
people get the school-wide summary in the same email) and messages for the IM robots, split to
each platform's size limit (their text: ``notifications.delivery``). A sent-log (Reminder Log,
unique key person|rule|record|day) makes a second run on the same day send nothing. The job
runs every few minutes and sends once a day, when the school's clock has passed the time set in
Reminder Settings.

Recipients are resolved when the reminder is sent, from the register and the tree: the
platform's administrators (and a group's owner) as they are now, the approvers the step waits
for now, the Propaganda Department's people now — never whoever drafted the record.

To add a rule: add its row to ``policy/reminder_rules.py`` (days, label, texts), write
``def my_rule(ctx) -> list[Item]`` with one query here, register it in QUERIES, and add its id to
the Select options of Reminder Rule Setting. What the digests are (one per person, the school-wide
summary): ``policy/digest.py``; the labels and texts as people read them: ``notifications.wording``;
the settings and Email Templates at install: ``setup/reminders.py`` (bodies in
``notifications/doctype/reminder_settings/*.html``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import frappe
from frappe.utils import (
	add_days,
	escape_html,
	get_url_to_form,
	getdate,
	now_datetime,
	today,
)

from socialmedia_governance import mail, ui
from socialmedia_governance.content import jobs as content_jobs
from socialmedia_governance.monitoring import reminders as monitoring_reminders
from socialmedia_governance.notifications import delivery
from socialmedia_governance.notifications.wording import item_text, label, log_url
from socialmedia_governance.policy import change_reports, content, digest, platforms, tiers
from socialmedia_governance.policy import reminder_rules as table
from socialmedia_governance.policy import review as review_rules
from socialmedia_governance.registry.people import platform_people, propaganda_people
from socialmedia_governance.review import campaign

Item = digest.Item
SETTINGS = "Reminder Settings"
LOG = "Reminder Log"
GROUP = "Social Media Group"
ACCOUNT = "Social Media Account"


@dataclass
class Context:
	day: object
	days: dict[str, int]
	graduation_month: int


def _item(user, rule, doctype, name, unit, args, text=0) -> Item:
	return Item(user, rule, doctype, name, table.RULES[rule].texts[text], unit, tuple(args))


def _to_people(rows, rule: str, doctype: str, register, record, args, text=None) -> list[Item]:
	"""Items for ``rows`` to the people who act for each row's platform now."""
	people = platform_people((register(r), record(r)) for r in rows)
	return [
		_item(user, rule, doctype, r.name, r.owner_unit, args(r), text(r) if text else 0)
		for r in rows
		for user in people.get((register(r), record(r)), ())
	]


def approval_parents() -> list[str]:
	"""The DocTypes approved step by step (a child table of Approval Steps), from the metadata."""
	return frappe.get_all(
		"DocField",
		filters={"fieldtype": "Table", "options": "Approval Step", "parenttype": "DocType"},
		pluck="parent",
		distinct=True,
	)


def approval_waiting(ctx: Context) -> list[Item]:
	"""Steps waiting longer than N days, to the people the step waits for now (the document's
	current approvers, which the Workflow's conditions read)."""
	since = add_days(ctx.day, -ctx.days["approval_waiting"])
	items = []
	for parent in approval_parents():
		rows = frappe.db.sql(
			f"""select p.`name`, p.`current_approvers`, p.`owner_unit`, s.`step`
			from `tab{parent}` p join `tabApproval Step` s on s.`parent` = p.`name` and s.`parenttype` = %(dt)s
			where p.`docstatus` = 0 and s.`status` = 'Pending' and s.`step` = p.`current_step`
			and s.`creation` < %(since)s""",
			{"dt": parent, "since": since},
			as_dict=True,
		)
		items += [
			_item(user, "approval_waiting", parent, r.name, r.owner_unit, (parent, r.name, r.step))
			for r in rows
			for user in (r.current_approvers or "").split("\n")
			if user
		]
	return items


def _platform_rule(rule: str, doctype: str, sql: str, values, args, text=None) -> list[Item]:
	rows = frappe.db.sql(sql, values, as_dict=True)
	return _to_people(
		rows, rule, doctype, lambda r: r.platform_doctype, lambda r: r.platform_record, args, text
	)


def change_report_due(ctx: Context) -> list[Item]:
	"""S13, H7.2: change reports not yet recorded that are due within N days or overdue, to the
	platform's administrators now (not to whoever drafted the report)."""
	day = getdate(ctx.day)
	return _platform_rule(
		"change_report_due",
		"Change Report",
		"""select `name`, `platform_doctype`, `platform_record`, `platform_title`, `due_date`, `owner_unit`
		from `tabChange Report` where `docstatus` = 0 and `due_date` <= %s""",
		add_days(ctx.day, ctx.days["change_report_due"]),
		lambda r: (r.platform_title, r.due_date),
		lambda r: 1 if getdate(r.due_date) < day else 0,
	)


def password_rotation_pending(ctx: Context) -> list[Item]:
	"""S13/S17: personnel changes recorded without the password rotation, to the administrators."""
	return _platform_rule(
		"password_rotation_pending",
		"Change Report",
		"""select `name`, `platform_doctype`, `platform_record`, `platform_title`, `owner_unit`
		from `tabChange Report` where `docstatus` = 1 and `completion_status` = %s""",
		(change_reports.AWAITING_ROTATION,),
		lambda r: (r.platform_title,),
	)


def group_unfiled(ctx: Context) -> list[Item]:
	"""H4.1: groups over the filing threshold (or named after the school) and not filed, to the
	owner and administrators of the group; a group whose supervisor is not yet a member is told
	so too (its opening cannot be approved until then)."""
	rows = frappe.db.sql(
		"""select `name`, `group_name`, `owner_unit`, `supervisor_not_member` from `tabSocial Media Group`
		where `filing_required` = 1 and ifnull(`filing_number`, '') = '' and `status` not in %s""",
		((platforms.CLOSED, platforms.UNDER_REVIEW),),
		as_dict=True,
	)
	return _to_people(
		rows,
		"group_unfiled",
		GROUP,
		lambda r: GROUP,
		lambda r: r.name,
		lambda r: (r.group_name,),
		lambda r: 1 if r.supervisor_not_member else 0,
	)


def account_never_filed(ctx: Context) -> list[Item]:
	"""S4, H7.1: accounts registered N days ago and still in draft, to their administrators."""
	rows = frappe.db.sql(
		"""select `name`, `account_name`, `owner_unit` from `tabSocial Media Account`
		where `status` = %s and `creation` < %s""",
		(platforms.DRAFT, add_days(ctx.day, -ctx.days["account_never_filed"])),
		as_dict=True,
	)
	return _to_people(
		rows, "account_never_filed", ACCOUNT, lambda r: ACCOUNT, lambda r: r.name, lambda r: (r.account_name,)
	)


def _reviews(rule: str, criterion, deadline: str = "due_date") -> list[Item]:
	"""Annual reviews matching ``criterion(table)``, to the administrators of each platform."""
	r = frappe.qb.DocType("Annual Review")
	rows = (
		frappe.qb.from_(r)
		.select(
			r.name,
			r.platform_doctype,
			r.platform_record,
			r.platform_title,
			r.owner_unit,
			r.due_date,
			r.rectify_deadline,
		)
		.where(criterion(r))
		.run(as_dict=True)
	)
	return _to_people(
		rows,
		rule,
		"Annual Review",
		lambda x: x.platform_doctype,
		lambda x: x.platform_record,
		lambda x: (x.platform_title, x[deadline]),
	)


def review_due(ctx: Context) -> list[Item]:
	"""S16, H7.3: annual reports due within N days."""
	until = add_days(ctx.day, ctx.days["review_due"])
	return _reviews(
		"review_due",
		lambda r: (r.status == review_rules.PENDING_REPORT) & r.due_date.between(ctx.day, until),
	)


def review_overdue(ctx: Context) -> list[Item]:
	return _reviews("review_overdue", lambda r: campaign.overdue(r, ctx.day))


def rectification_due(ctx: Context) -> list[Item]:
	until = add_days(ctx.day, ctx.days["rectification_due"])
	return _reviews(
		"rectification_due",
		lambda r: (r.outcome == review_rules.RECTIFY) & r.rectify_deadline.between(ctx.day, until),
		deadline="rectify_deadline",
	)


def release_straggler(ctx: Context) -> list[Item]:
	"""H8: accounts that have not confirmed a coordinated release, to their administrators."""
	rows = frappe.db.sql(
		"""select `name`, `release_title`, `account`, `account_name`, `owner_unit` from `tabRelease Task`
		where `status` in %(open)s""",
		{"open": content.TASK_OPEN},
		as_dict=True,
	)
	return _to_people(
		rows,
		"release_straggler",
		"Release Task",
		lambda r: ACCOUNT,
		lambda r: r.account,
		lambda r: (r.release_title, r.account_name),
	)


def incident_overdue(ctx: Context) -> list[Item]:
	"""H9: incidents not handled in time, to whoever found them and the Propaganda Department."""
	incident, user = frappe.qb.DocType("Incident"), frappe.qb.DocType("User")
	rows = (
		frappe.qb.from_(incident)
		.left_join(user)
		.on((user.name == incident.found_by) & (user.enabled == 1))
		.select(incident.name, incident.platform_title, user.name.as_("finder"), incident.owner_unit)
		.where(content_jobs.overdue(incident, now_datetime()))
		.run(as_dict=True)
	)
	propaganda = propaganda_people()
	return [
		_item(user, "incident_overdue", "Incident", r.name, r.owner_unit, (r.platform_title,))
		for r in rows
		for user in dict.fromkeys([r.finder, *propaganda])
		if user
	]


def award_ban_ending(ctx: Context) -> list[Item]:
	"""H10.1: bans ending within N days, to the Propaganda Department (the unit: the violation's)."""
	rows = frappe.db.sql(
		"""select b.`name`, b.`subject_name`, b.`end_date`, v.`owner_unit` from `tabAward Ban` b
		left join `tabViolation` v on v.`name` = b.`violation`
		where b.`end_date` between %s and %s""",
		(ctx.day, add_days(ctx.day, ctx.days["award_ban_ending"])),
		as_dict=True,
	)
	propaganda = propaganda_people()
	return [
		_item(user, "award_ban_ending", "Award Ban", r.name, r.owner_unit, (r.subject_name, r.end_date))
		for r in rows
		for user in propaganda
	]


def graduation_handover(ctx: Context) -> list[Item]:
	"""Graduation season: student administrators hand over their platforms (first day of the month)."""
	day = getdate(ctx.day)
	if day.month != ctx.graduation_month or day.day != 1:
		return []
	rows = frappe.db.sql(
		"""select p.`name`, p.`account_name`, p.`owner_unit` from `tabSocial Media Account` p
		join `tabOrganization Unit` u on u.`name` = p.`owner_unit`
		where p.`status` = %s and u.`unit_type` in %s""",
		(platforms.ACTIVE, tuple(sorted(tiers.STUDENT_RUN_TYPES))),
		as_dict=True,
	)
	return _to_people(
		rows, "graduation_handover", ACCOUNT, lambda r: ACCOUNT, lambda r: r.name, lambda r: (r.account_name,)
	)


# rule id → its one query (its days, label and texts: policy/reminder_rules.py)
QUERIES: dict[str, Callable[[Context], list[Item]]] = {
	"approval_waiting": approval_waiting,
	"change_report_due": change_report_due,
	"password_rotation_pending": password_rotation_pending,
	"group_unfiled": group_unfiled,
	"account_never_filed": account_never_filed,
	"review_due": review_due,
	"review_overdue": review_overdue,
	"rectification_due": rectification_due,
	"release_straggler": release_straggler,
	"incident_overdue": incident_overdue,
	"award_ban_ending": award_ban_ending,
	"graduation_handover": graduation_handover,
	**monitoring_reminders.QUERIES,  # activity warning, dormant accounts, graduating groups
}
assert set(QUERIES) == set(table.RULES), "every rule of policy/reminder_rules.py has one query"


def collect(day=None) -> tuple[list[Item], Context]:
	settings = frappe.get_single(SETTINGS)
	enabled = {r.rule: r for r in settings.rules if r.enabled}
	ctx = Context(
		day=getdate(day or today()),
		days={
			rule: (enabled[rule].lead_days if rule in enabled else spec.days)
			for rule, spec in table.RULES.items()
		},
		graduation_month=int(settings.graduation_month or 6),
	)
	items: list[Item] = []
	for rule, query in QUERIES.items():
		if rule in enabled:
			items += query(ctx)
	return items, ctx


def unsent(items: list[Item], day) -> list[Item]:
	"""Items not reminded of yet on ``day``; they are logged as sent (one INSERT IGNORE)."""
	if not items:
		return []
	keys = {f"{i.key}|{day}": i for i in items}
	done = set(frappe.get_all(LOG, filters={"log_key": ("in", list(keys))}, pluck="log_key"))
	new = {k: i for k, i in keys.items() if k not in done}
	now = now_datetime()
	frappe.db.bulk_insert(
		LOG,
		(
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"log_key",
			"day",
			"recipient",
			"rule",
			"reference_doctype",
			"reference_name",
		),
		[
			(
				frappe.generate_hash(length=12),
				now,
				now,
				"Administrator",
				"Administrator",
				k,
				day,
				i.recipient,
				i.rule,
				i.reference_doctype,
				i.reference_name,
			)
			for k, i in new.items()
		],
		ignore_duplicates=True,
	)
	return list(new.values())


def scheduled() -> dict | None:
	"""The scheduler's job (every five minutes): the day's reminders once the school's clock (the
	System Settings time zone) has passed the time set in Reminder Settings, once a day."""
	settings = frappe.get_single(SETTINGS)
	now = now_datetime()
	if not settings.enabled or not table.is_due(now, settings.send_time, settings.last_sent_on):
		return None
	frappe.db.set_single_value(SETTINGS, "last_sent_on", now.date())
	frappe.db.commit()  # claimed before sending: an overlapping run finds the day taken
	return daily(now.date())


def daily(day=None) -> dict:
	"""Collect, drop what was sent today, send one email per person and the robot messages."""
	settings = frappe.get_single(SETTINGS)
	if not settings.enabled:
		return {"digests": 0}
	items, ctx = collect(day)
	items = unsent(items, ctx.day)
	sent = send_emails(items, settings, ctx)
	if items:
		delivery.enqueue_robots(items, ctx)
	frappe.db.commit()
	return {"items": len(items), "digests": sent}


def render(template: str, context: dict, lang: str) -> tuple[str, str]:
	doc = frappe.get_doc("Email Template", template)
	previous = frappe.local.lang
	frappe.local.lang = lang
	try:
		return frappe.render_template(doc.subject, context), frappe.render_template(
			doc.response_html or doc.response, context
		)
	finally:
		frappe.local.lang = previous


def send_emails(items: list[Item], settings, ctx: Context) -> int:
	"""One email per person: their digest, and for the Propaganda Department's people the
	school-wide summary in the same email. Returns how many digests were sent."""
	mine = digest.digests(items)
	propaganda = propaganda_people() if items else []
	count = 0
	for user in dict.fromkeys([*mine, *propaganda]):
		lang = mail.user_lang(user)
		subject, parts = None, []
		if user in mine:
			rows = [
				{
					"rule": i.rule,
					"label": label(i.rule, ctx.days[i.rule], lang),
					"reference_doctype": i.reference_doctype,
					"reference_name": escape_html(i.reference_name),
					"text": ui.text(item_text(i, lang)),  # names typed by users: shown as text
					"url": get_url_to_form(i.reference_doctype, i.reference_name),
				}
				for i in mine[user]
			]
			subject, message = render(
				settings.email_template, {"user": user, "items": rows, "count": len(rows)}, lang
			)
			parts.append(message)
		if user in propaganda:
			summary = [
				{
					"rule": rule,
					"label": label(rule, ctx.days[rule], lang),
					"count": n,
					"url": log_url(rule, ctx.day),
				}
				for rule, n in digest.summary(items).items()
			]
			summary_subject, message = render(
				settings.summary_template, {"user": user, "summary": summary, "day": ctx.day}, lang
			)
			subject = subject or summary_subject
			parts.append(message)
		if (
			mail.send(
				recipients=[user],
				subject=subject,
				message="\n".join(parts),
				reference_doctype=SETTINGS,
				reference_name=SETTINGS,
			)
			and user in mine
		):
			count += 1
	return count
