"""Daily reminders (issue 8): every rule is ONE set-based query; the results become one digest
email per person per day (Email Queue, an editable Email Template), a school-wide summary for the
Propaganda Department and messages for the IM robots. A sent-log (Reminder Log, unique key
person|rule|record|day) makes a second run on the same day send nothing.

To add a rule: write ``def my_rule(ctx) -> list[Item]`` with one query, register it in RULES with
its default days and description, and add its id to the Select options of Reminder Rule Setting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import add_days, escape_html, get_url_to_form, getdate, now_datetime, today

from socialmedia_governance import mail, ui
from socialmedia_governance.filing.approvers import propaganda_people
from socialmedia_governance.policy import im

Item = im.Item
SETTINGS = "Reminder Settings"
LOG = "Reminder Log"


@dataclass
class Context:
	day: object
	days: dict[str, int]
	graduation_month: int


def _admins_join(platform_doctype_sql: str, platform_name_sql: str) -> str:
	return (
		f"join `tabSocial Media Administrator` adm on adm.`parenttype` = {platform_doctype_sql}"
		f" and adm.`parent` = {platform_name_sql}"
	)


def approval_waiting(ctx: Context) -> list[Item]:
	"""Steps waiting longer than N days, to each resolved approver of the step."""
	since = add_days(ctx.day, -ctx.days["approval_waiting"])
	rows = frappe.db.sql(
		"""select s.`parenttype`, s.`parent`, s.`step`, s.`approvers`, s.`creation`
		from `tabApproval Step` s where s.`status` = 'Pending' and s.`creation` < %s""",
		since,
		as_dict=True,
	)
	return [
		Item(
			user,
			"approval_waiting",
			r.parenttype,
			r.parent,
			"{0} {1} waits for your approval ({2}).",
			args=(r.parenttype, r.parent, r.step),
		)
		for r in rows
		for user in (r.approvers or "").split("\n")
		if user
	]


def change_report_due(ctx: Context) -> list[Item]:
	"""S13, H7.2: change reports not yet recorded that are due tomorrow or overdue, to their author."""
	rows = frappe.db.sql(
		"""select `name`, `owner`, `platform_title`, `due_date`, `owner_unit` from `tabChange Report`
		where `docstatus` = 0 and `due_date` <= %s""",
		add_days(ctx.day, 1),
		as_dict=True,
	)
	return [
		Item(
			r.owner,
			"change_report_due",
			"Change Report",
			r.name,
			"Change report for {0} is overdue (due {1})."
			if getdate(r.due_date) < getdate(ctx.day)
			else "Change report for {0} is due {1}.",
			r.owner_unit,
			args=(r.platform_title, r.due_date),
		)
		for r in rows
	]


def password_rotation_pending(ctx: Context) -> list[Item]:
	"""S13/S17: personnel changes recorded without the password rotation, to the administrators."""
	rows = frappe.db.sql(
		f"""select c.`name`, c.`platform_title`, c.`owner_unit`, adm.`user` from `tabChange Report` c
		{_admins_join("c.`platform_doctype`", "c.`platform_record`")}
		where c.`docstatus` = 1 and c.`completion_status` = 'Awaiting Password Rotation'""",
		as_dict=True,
	)
	return [
		Item(
			r.user,
			"password_rotation_pending",
			"Change Report",
			r.name,
			"Change the password of {0} and confirm the rotation.",
			r.owner_unit,
			args=(r.platform_title,),
		)
		for r in rows
	]


def group_unfiled(ctx: Context) -> list[Item]:
	"""H4.1: groups over the filing threshold (or named after the school) and not filed, to the owner."""
	rows = frappe.db.sql(
		"""select `name`, `group_name`, `group_owner`, `owner_unit` from `tabSocial Media Group`
		where `filing_required` = 1 and ifnull(`filing_number`, '') = '' and `status` not in ('Closed', 'Under Review')""",
		as_dict=True,
	)
	return [
		Item(
			r.group_owner,
			"group_unfiled",
			"Social Media Group",
			r.name,
			"{0} must be filed with the Propaganda Department.",
			r.owner_unit,
			args=(r.group_name,),
		)
		for r in rows
		if r.group_owner
	]


def account_never_filed(ctx: Context) -> list[Item]:
	"""S4, H7.1: accounts registered N days ago and still in draft, to their administrators."""
	rows = frappe.db.sql(
		f"""select a.`name`, a.`account_name`, a.`owner_unit`, adm.`user` from `tabSocial Media Account` a
		{_admins_join("'Social Media Account'", "a.`name`")}
		where a.`status` = 'Draft' and a.`creation` < %s""",
		add_days(ctx.day, -ctx.days["account_never_filed"]),
		as_dict=True,
	)
	return [
		Item(
			r.user,
			"account_never_filed",
			"Social Media Account",
			r.name,
			"{0} is not filed yet: submit its opening application.",
			r.owner_unit,
			args=(r.account_name,),
		)
		for r in rows
	]


def _reviews(ctx: Context, rule: str, condition: str, values: dict, message: str) -> list[Item]:
	rows = frappe.db.sql(
		f"""select r.`name`, r.`platform_title`, r.`owner_unit`, r.`due_date`, r.`rectify_deadline`, adm.`user`
		from `tabAnnual Review` r {_admins_join("r.`platform_doctype`", "r.`platform_record`")}
		where {condition}""",
		values,
		as_dict=True,
	)
	return [
		Item(
			r.user,
			rule,
			"Annual Review",
			r.name,
			message,
			r.owner_unit,
			args=(r.platform_title, r.due_date or r.rectify_deadline),
		)
		for r in rows
	]


def review_due(ctx: Context) -> list[Item]:
	"""S16, H7.3: annual reports due within N days."""
	return _reviews(
		ctx,
		"review_due",
		"r.`status` = 'Pending Report' and r.`due_date` between %(day)s and %(until)s",
		{"day": ctx.day, "until": add_days(ctx.day, ctx.days["review_due"])},
		"The annual report of {0} is due {1}.",
	)


def review_overdue(ctx: Context) -> list[Item]:
	return _reviews(
		ctx,
		"review_overdue",
		"r.`status` = 'Pending Report' and r.`due_date` < %(day)s",
		{"day": ctx.day},
		"The annual report of {0} is overdue (due {1}).",
	)


def rectification_due(ctx: Context) -> list[Item]:
	return _reviews(
		ctx,
		"rectification_due",
		"r.`outcome` = 'Rectify' and r.`rectify_deadline` between %(day)s and %(until)s",
		{"day": ctx.day, "until": add_days(ctx.day, ctx.days["rectification_due"])},
		"Rectification of {0} is due {1}.",
	)


def release_straggler(ctx: Context) -> list[Item]:
	"""H8: accounts that have not confirmed a coordinated release, to their administrators."""
	rows = frappe.db.sql(
		f"""select t.`name`, t.`release_title`, t.`account_name`, t.`owner_unit`, adm.`user` from `tabRelease Task` t
		{_admins_join("'Social Media Account'", "t.`account`")}
		where t.`status` in ('Pending', 'Overdue')""",
		as_dict=True,
	)
	return [
		Item(
			r.user,
			"release_straggler",
			"Release Task",
			r.name,
			"Publish {0} on {1} and confirm it.",
			r.owner_unit,
			args=(
				r.release_title,
				r.account_name,
			),
		)
		for r in rows
	]


def incident_overdue(ctx: Context) -> list[Item]:
	"""H9: incidents not handled in time, to whoever found them and the Propaganda Department."""
	rows = frappe.db.sql(
		"""select `name`, `platform_title`, `found_by`, `owner_unit` from `tabIncident`
		where `status` = 'Open' and `handle_by` < %s""",
		now_datetime(),
		as_dict=True,
	)
	propaganda = propaganda_people()
	return [
		Item(
			user,
			"incident_overdue",
			"Incident",
			r.name,
			"Incident on {0} is not handled in time.",
			r.owner_unit,
			args=(r.platform_title,),
		)
		for r in rows
		for user in dict.fromkeys([r.found_by, *propaganda])
		if user
	]


def award_ban_ending(ctx: Context) -> list[Item]:
	"""H10.1: bans ending within N days, to the Propaganda Department."""
	rows = frappe.db.sql(
		"""select `name`, `subject_name`, `end_date` from `tabAward Ban` where `end_date` between %s and %s""",
		(ctx.day, add_days(ctx.day, ctx.days["award_ban_ending"])),
		as_dict=True,
	)
	propaganda = propaganda_people()
	return [
		Item(
			user,
			"award_ban_ending",
			"Award Ban",
			r.name,
			"The award ban on {0} ends {1}.",
			args=(
				r.subject_name,
				r.end_date,
			),
		)
		for r in rows
		for user in propaganda
	]


def graduation_handover(ctx: Context) -> list[Item]:
	"""Graduation season: student administrators hand over their platforms (first day of the month)."""
	day = getdate(ctx.day)
	if day.month != ctx.graduation_month or day.day != 1:
		return []
	rows = frappe.db.sql(
		f"""select p.`name`, p.`account_name`, p.`owner_unit`, adm.`user` from `tabSocial Media Account` p
		{_admins_join("'Social Media Account'", "p.`name`")}
		join `tabOrganization Unit` u on u.`name` = p.`owner_unit`
		where p.`status` = 'Active' and u.`unit_type` in ('Class', 'Club', 'Student Organisation')""",
		as_dict=True,
	)
	return [
		Item(
			r.user,
			"graduation_handover",
			"Social Media Account",
			r.name,
			"Graduation season: hand {0} over to a new administrator and report the change.",
			r.owner_unit,
			args=(r.account_name,),
		)
		for r in rows
	]


# rule id → (query, default days, description)
RULES: dict[str, tuple[Callable[[Context], list[Item]], int, str]] = {
	"approval_waiting": (approval_waiting, 3, "Approvals waiting longer than N days"),
	"change_report_due": (change_report_due, 1, "Change reports due tomorrow or overdue (S13, H7.2)"),
	"password_rotation_pending": (
		password_rotation_pending,
		0,
		"Personnel changes without password rotation (S17)",
	),
	"group_unfiled": (group_unfiled, 0, "Groups over the filing threshold and unfiled (H4.1)"),
	"account_never_filed": (account_never_filed, 7, "Accounts in draft for N days (S4, H7.1)"),
	"review_due": (review_due, 7, "Annual reports due within N days (S16)"),
	"review_overdue": (review_overdue, 0, "Annual reports overdue (S16)"),
	"rectification_due": (rectification_due, 7, "Rectification deadlines within N days (S16)"),
	"release_straggler": (release_straggler, 0, "Coordinated release stragglers (H8)"),
	"incident_overdue": (incident_overdue, 0, "Incidents not handled in time (H9)"),
	"award_ban_ending": (award_ban_ending, 7, "Award bans ending within N days (H10.1)"),
	"graduation_handover": (graduation_handover, 0, "Graduation-season handover of student administrators"),
}


def item_text(item: Item, lang: str) -> str:
	"""The item's message in ``lang`` (doctype and step names in it translated too)."""
	args = [_(a, lang=lang) if isinstance(a, str) else a for a in item.args]
	return _(item.text, lang=lang).format(*args)


def seed_settings() -> None:
	"""Rules with their defaults and the two Email Templates, once; an admin's edits are kept."""
	for name, subject, body in TEMPLATES:
		if not frappe.db.exists("Email Template", name):
			frappe.get_doc(
				{
					"doctype": "Email Template",
					"name": name,
					"subject": subject,
					"response_html": body,
					"use_html": 1,
				}
			).insert(ignore_permissions=True)
	settings = frappe.get_single(SETTINGS)
	known = {r.rule for r in settings.rules}
	changed = False
	for rule, (_fn, days, description) in RULES.items():
		if rule not in known:
			settings.append(
				"rules", {"rule": rule, "enabled": 1, "lead_days": days, "description": description}
			)
			changed = True
	if not settings.email_template:
		settings.email_template, settings.summary_template, changed = DIGEST_TEMPLATE, SUMMARY_TEMPLATE, True
	if changed:
		settings.flags.ignore_permissions = True
		settings.save()


def collect(day=None) -> tuple[list[Item], Context]:
	settings = frappe.get_single(SETTINGS)
	enabled = {r.rule: r for r in settings.rules if r.enabled}
	ctx = Context(
		day=getdate(day or today()),
		days={
			rule: (enabled[rule].lead_days if rule in enabled else days)
			for rule, (_f, days, _d) in RULES.items()
		},
		graduation_month=int(settings.graduation_month or 6),
	)
	items: list[Item] = []
	for rule, (fn, _days, _desc) in RULES.items():
		if rule in enabled:
			items += fn(ctx)
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


def daily(day=None) -> dict:
	"""The daily job: collect, drop what was sent today, send digests, summary and robot messages."""
	settings = frappe.get_single(SETTINGS)
	if not settings.enabled:
		return {"digests": 0}
	items, ctx = collect(day)
	items = unsent(items, ctx.day)
	sent = send_digests(items, settings)
	if items:
		send_summary(items, settings, ctx.day)
		enqueue_robots(items, ctx.day)
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


def send_digests(items: list[Item], settings) -> int:
	count = 0
	for user, mine in im.digests(items).items():
		lang = mail.user_lang(user)
		rows = [
			{
				"rule": i.rule,
				"label": _(RULES[i.rule][2], lang=lang),
				"reference_doctype": i.reference_doctype,
				"reference_name": escape_html(i.reference_name),
				"text": ui.text(item_text(i, lang)),  # names typed by users: shown as text in the email
				"url": get_url_to_form(i.reference_doctype, i.reference_name),
			}
			for i in mine
		]
		subject, message = render(
			settings.email_template, {"user": user, "items": rows, "count": len(rows)}, lang
		)
		if mail.send(
			recipients=[user],
			subject=subject,
			message=message,
			reference_doctype=SETTINGS,
			reference_name=SETTINGS,
		):
			count += 1
	return count


def send_summary(items: list[Item], settings, day) -> None:
	counts = im.summary(items)
	for user in propaganda_people():
		lang = mail.user_lang(user)
		summary = [{"rule": r, "label": _(RULES[r][2], lang=lang), "count": n} for r, n in counts.items()]
		subject, message = render(
			settings.summary_template, {"user": user, "summary": summary, "day": day}, lang
		)
		mail.send(
			recipients=[user],
			subject=subject,
			message=message,
			reference_doctype=SETTINGS,
			reference_name=SETTINGS,
		)


def enqueue_robots(items: list[Item], day) -> int:
	"""A school-wide robot gets the summary; a unit's robot the items of its subtree."""
	robots = frappe.get_all("IM Robot", filters={"enabled": 1}, fields=["name", "unit"])
	lang = frappe.db.get_default("lang") or "zh"
	queued = 0
	for robot in robots:
		if robot.unit:
			lft, rgt = frappe.db.get_value("Organization Unit", robot.unit, ["lft", "rgt"])
			units = set(
				frappe.get_all(
					"Organization Unit", filters={"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name"
				)
			)
			mine = {
				(i.reference_doctype, i.reference_name): item_text(i, lang)
				for i in items
				if i.owner_unit in units
			}
			if not mine:
				continue
			text = (
				_("Reminders {0}", lang=lang).format(day) + "\n" + "\n".join(f"- {t}" for t in mine.values())
			)
		else:
			text = (
				_("Reminders {0}", lang=lang).format(day)
				+ "\n"
				+ "\n".join(f"- {_(RULES[r][2], lang=lang)}: {n}" for r, n in im.summary(items).items())
			)
		frappe.get_doc(
			{
				"doctype": "IM Delivery",
				"robot": robot.name,
				"text": text,
				"status": "Queued",
				"next_attempt": now_datetime(),
			}
		).insert(ignore_permissions=True)
		queued += 1
	return queued


DIGEST_TEMPLATE = "新媒体管理每日提醒"
SUMMARY_TEMPLATE = "新媒体管理每日汇总"
TEMPLATES = (
	(
		DIGEST_TEMPLATE,
		"新媒体管理提醒：您有 {{ count }} 项待办",
		"""<p>您好，以下事项需要您处理：</p>
<ul>{% for i in items %}<li>【{{ i.label }}】<a href="{{ i.url }}">{{ i.reference_name }}</a>：{{ i.text }}</li>{% endfor %}</ul>
<p>此邮件由新媒体管理系统每日自动发送，每人每天一封。</p>""",
	),
	(
		SUMMARY_TEMPLATE,
		"新媒体管理全校汇总 {{ day }}",
		"""<p>今日全校待办汇总：</p>
<table border="1" cellpadding="4"><tr><th>事项</th><th>数量</th></tr>
{% for s in summary %}<tr><td>{{ s.label }}</td><td>{{ s.count }}</td></tr>{% endfor %}</table>""",
	),
)
