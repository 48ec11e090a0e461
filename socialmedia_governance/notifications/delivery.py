"""Delivery of IM robot messages (issues 8 and 20): queued by the daily job, sent by a job every
five minutes within each platform's rate limit, with exponential backoff; a failure is logged on
the message and retried, never dropped, and never blocks the daily job. A message the robot
refuses for its size is split in two, never sent again unchanged (policy/im.py)."""

from __future__ import annotations

import smtplib
import time

import frappe
import requests
from frappe import _
from frappe.utils import add_to_date, get_datetime, now_datetime, validate_email_address

from socialmedia_governance.policy import im

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
