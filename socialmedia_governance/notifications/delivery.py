"""IM robot messages (issues 8 and 20): what the day's reminders say to each robot
(``robot_messages``, queued by ``enqueue_robots`` from the daily job), sent by a job every
five minutes within each platform's rate limit, with exponential backoff; a failure is logged on
the message and retried, never dropped, and never blocks the daily job. A message the robot
refuses for its size is split in two, never sent again unchanged (policy/im.py)."""

from __future__ import annotations

import smtplib
import time
from collections import defaultdict

import frappe
import requests
from frappe import _
from frappe.utils import add_to_date, get_datetime, get_url_to_form, now_datetime, validate_email_address

from socialmedia_governance.notifications.wording import item_text, label, log_url
from socialmedia_governance.policy import digest, im
from socialmedia_governance.policy import reminder_rules as table
from socialmedia_governance.registry import tree
from socialmedia_governance.registry.settings import site_lang

DELIVERY = "IM Delivery"
TIMEOUT = 10
MAX_WAIT = 2  # seconds worth waiting in the job for a robot's next free moment
# Addresses that reach nobody (RFC 2606/6761), e.g. Frappe's "admin@example.com" for Administrator.
PLACEHOLDER_DOMAINS = ("example.com", "example.net", "example.org")
PLACEHOLDER_SUFFIXES = (".example", ".invalid", ".test", ".localhost")


def deliver_due(limit: int = 200) -> int:
	"""Send what is due, robot by robot within its platform's rate limit: a message that would
	exceed it waits for the robot's next free moment (not counted as a failed attempt)."""
	rows = frappe.get_all(
		DELIVERY,
		filters={"status": "Queued", "next_attempt": ("<=", now_datetime())},
		fields=["name", "robot"],
		order_by="next_attempt, creation",
		limit=limit,
	)
	sent = 0
	held: set[str] = set()
	for row in rows:
		if row.robot in held:
			continue
		doc = frappe.get_doc(DELIVERY, row.name)
		wait = wait_for(frappe.db.get_value("IM Robot", row.robot, "channel"), row.robot)
		if wait > MAX_WAIT:
			# this robot is at its limit: this and its later messages wait for the next run
			frappe.db.set_value(
				DELIVERY,
				row.name,
				"next_attempt",
				add_to_date(now_datetime(), seconds=wait),
				update_modified=False,
			)
			held.add(row.robot)
			frappe.db.commit()
			continue
		if wait > 0:
			time.sleep(wait)
		sent += deliver(doc)
		frappe.db.commit()
	return sent


def wait_for(channel: str, robot: str) -> float:
	"""Seconds before ``robot`` may post again within its platform's rate limit."""
	window = max(seconds for _count, seconds in im.RATE_LIMITS[channel])
	now = now_datetime()
	recent = frappe.get_all(
		DELIVERY,
		filters={"robot": robot, "last_attempt": (">", add_to_date(now, seconds=-window))},
		pluck="last_attempt",
	)
	stamps = [get_datetime(t).timestamp() for t in recent]
	return max(im.next_send_at(channel, stamps, now.timestamp()) - now.timestamp(), 0)


def deliver(doc) -> bool:
	"""Post one message. A refusal of the message itself (too large) is never retried unchanged:
	the message is split in two new ones, or kept as refused when it cannot be split."""
	robot = frappe.get_doc("IM Robot", doc.robot)
	secret = robot.get_password("secret", raise_exception=False) if robot.secret else None
	error, refused = None, False
	doc.last_attempt = now_datetime()
	try:
		url, body = im.request_for(robot.channel, robot.webhook_url, doc.text, secret, time.time())
		response = requests.post(
			url,
			data=im.encode(body),
			headers={"Content-Type": "application/json; charset=utf-8"},
			timeout=TIMEOUT,
		)
		try:
			answer = response.json()
		except ValueError:
			answer = None
		if not im.accepted(robot.channel, response.status_code, answer):
			error = f"HTTP {response.status_code}: {response.text[:300]}"
			refused = im.refused_as_sent(robot.channel, response.status_code, answer)
	except (requests.RequestException, ValueError) as err:
		error = f"{type(err).__name__}: {err}"[:500]
	doc.attempts = (doc.attempts or 0) + 1
	if error is None:
		doc.status, doc.sent_on, doc.last_error = "Sent", now_datetime(), None
	elif refused:
		parts = im.halves(doc.text)
		doc.status = "Refused"
		if len(parts) > 1:
			for text in parts:
				frappe.get_doc(
					{
						"doctype": DELIVERY,
						"robot": doc.robot,
						"text": text,
						"status": "Queued",
						"next_attempt": now_datetime(),
					}
				).insert(ignore_permissions=True)
			note = _("Refused by the robot as sent: split into {0} shorter messages.").format(len(parts))
		else:
			note = _("Refused by the robot as sent and too short to split: not sent again.")
		doc.last_error = f"{note}\n{error}"
	else:
		doc.last_error = error
		doc.next_attempt = add_to_date(now_datetime(), seconds=im.backoff(doc.attempts))
		if doc.attempts >= im.MAX_ATTEMPTS:
			doc.status = "Failed"  # kept with its text and error; "Retry" puts it back in the queue
	doc.save(ignore_permissions=True)
	return error is None


@frappe.whitelist(methods=["POST"])
def send_test(robot: str) -> dict:
	"""The robot's "send test message" button: queue one message and try it at once."""
	frappe.has_permission("IM Robot", "write", throw=True)
	doc = frappe.get_doc(
		{
			"doctype": DELIVERY,
			"robot": robot,
			"text": _("Test message from the social media governance system."),
			"status": "Queued",
			"next_attempt": now_datetime(),
		}
	).insert(ignore_permissions=True)
	ok = deliver(doc)
	return {"sent": ok, "error": doc.last_error, "delivery": doc.name}


@frappe.whitelist(methods=["POST"])
def retry(delivery: str) -> None:
	frappe.has_permission(DELIVERY, "write", throw=True)
	frappe.db.set_value(DELIVERY, delivery, {"status": "Queued", "next_attempt": now_datetime()})


def real_address(user: str) -> str | None:
	"""The user's email address if it can reach someone (not empty, valid, not a placeholder)."""
	email = (frappe.db.get_value("User", user, "email") or "").strip()
	if not email or not validate_email_address(email):
		return None
	domain = email.rsplit("@", 1)[-1].lower()
	if domain in PLACEHOLDER_DOMAINS or domain.endswith(PLACEHOLDER_SUFFIXES):
		return None
	return email


@frappe.whitelist(methods=["POST"])
def send_test_email() -> dict:
	"""Reminder Settings' "send test email" button: a test email to the current user's address,
	now; a clear error when the user has no address that reaches anyone."""
	from socialmedia_governance import mail

	frappe.has_permission("Reminder Settings", "write", throw=True)
	mail.require_email()
	address = real_address(frappe.session.user)
	if not address:
		frappe.throw(
			_(
				"Your user {0} has no email address that can receive mail: enter yours in your user settings (My Settings), then send the test again."
			).format(frappe.session.user),
			title=_("Email"),
		)
	try:
		mail.send(
			recipients=[address],
			subject=_("Test email from the social media governance system"),
			message=_("Email reminders are set up correctly."),
			now=True,
		)
	except (smtplib.SMTPException, OSError) as err:
		# the server refused or could not be reached: say so instead of a server error
		frappe.throw(
			_("The mail server did not accept the test email: {0}").format(
				frappe.utils.escape_html(f"{type(err).__name__}: {err}"[:300])
			),
			title=_("Email"),
		)
	return {"sent": True, "recipient": address}


# ------------------------------------------------------------------ the robots' text of the day


def robot_messages(channel: str, items: list[digest.Item], ctx, lang: str, school_wide: bool) -> list[str]:
	"""The day's messages for one robot, each within the platform's size limit: the counts first
	(linked to the day's list of each rule), then, for a unit's robot, one line per reminder naming
	and linking its records; identical lines for several records are one line with their count."""
	counts = digest.summary(items)
	title = _("Reminders {0} ({1}/{2})", lang=lang).format(ctx.day, "{0}", "{1}")
	if channel != im.FEISHU:
		title = f"**{title}**"
	lead = [_("{0} reminders in all", lang=lang).format(sum(counts.values()))]
	lead += [
		"- "
		+ _("{0}: {1}", lang=lang).format(
			im.link(channel, label(rule, ctx.days[rule], lang), log_url(rule, ctx.day)), n
		)
		for rule, n in counts.items()
	]
	lines: list[str] = []
	if not school_wide:
		seen: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
		for i in sorted(items, key=lambda i: (i.rule, i.reference_name)):
			seen[i.rule].append(
				(
					im.plain(channel, item_text(i, lang)).rstrip("。."),  # the links follow
					i.reference_name,
					get_url_to_form(i.reference_doctype, i.reference_name),
				)
			)
		for rule in table.RULES:
			for text, refs in im.grouped(seen.get(rule, ())):
				links = _(", ", lang=lang).join(im.link(channel, name, url) for name, url in refs)
				head = text if len(refs) == 1 else _("{0} ({1} records)", lang=lang).format(text, len(refs))
				lines.append("- " + _("{0}: {1}", lang=lang).format(head, links))
	return im.split(channel, title, lead, lines)


def enqueue_robots(items: list[digest.Item], ctx) -> int:
	"""A school-wide robot gets the counts; a unit's robot the reminders of its subtree, each
	record once per rule, in as many messages as the platform's size limit needs."""
	robots = frappe.get_all("IM Robot", filters={"enabled": 1}, fields=["name", "unit", "channel"])
	lang = site_lang()
	unique = list({(i.rule, i.reference_doctype, i.reference_name): i for i in items}.values())
	now = now_datetime()
	queued = 0
	for robot in robots:
		if robot.unit:
			units = set(tree.subtree(robot.unit))
			mine = [i for i in unique if i.owner_unit in units]
		else:
			mine = unique
		if not mine:
			continue
		for text in robot_messages(robot.channel, mine, ctx, lang, school_wide=not robot.unit):
			frappe.get_doc(
				{
					"doctype": "IM Delivery",
					"robot": robot.name,
					"text": text,
					"status": "Queued",
					"next_attempt": now,
				}
			).insert(ignore_permissions=True)
			queued += 1
	return queued
