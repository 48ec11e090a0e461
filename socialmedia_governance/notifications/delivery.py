"""Delivery of IM robot messages (issue 8): queued by the daily job, sent by a job every five
minutes with exponential backoff; a failure is logged on the message and retried, never dropped,
and never blocks the daily job."""

from __future__ import annotations

import time

import frappe
import requests
from frappe import _
from frappe.utils import add_to_date, now_datetime

from socialmedia_governance.policy import im

DELIVERY = "IM Delivery"
TIMEOUT = 10


def deliver_due(limit: int = 200) -> int:
	names = frappe.get_all(
		DELIVERY,
		filters={"status": "Queued", "next_attempt": ("<=", now_datetime())},
		pluck="name",
		order_by="next_attempt",
		limit=limit,
	)
	sent = 0
	for name in names:
		sent += deliver(frappe.get_doc(DELIVERY, name))
		frappe.db.commit()
	return sent


def deliver(doc) -> bool:
	robot = frappe.get_doc("IM Robot", doc.robot)
	secret = robot.get_password("secret", raise_exception=False) if robot.secret else None
	error = None
	try:
		url, body = im.request_for(robot.channel, robot.webhook_url, doc.text, secret, time.time())
		response = requests.post(url, json=body, timeout=TIMEOUT)
		try:
			answer = response.json()
		except ValueError:
			answer = None
		if not im.accepted(robot.channel, response.status_code, answer):
			error = f"HTTP {response.status_code}: {response.text[:300]}"
	except (requests.RequestException, ValueError) as err:
		error = f"{type(err).__name__}: {err}"[:500]
	doc.attempts = (doc.attempts or 0) + 1
	if error is None:
		doc.status, doc.sent_on, doc.last_error = "Sent", now_datetime(), None
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


@frappe.whitelist(methods=["POST"])
def send_test_email() -> dict:
	"""Reminder Settings' "send test email" button: a digest to the current user, now."""
	from socialmedia_governance import mail

	frappe.has_permission("Reminder Settings", "write", throw=True)
	mail.require_email()
	mail.send(
		recipients=[frappe.session.user],
		subject=_("Test email from the social media governance system"),
		message=_("Email reminders are set up correctly."),
		now=True,
	)
	return {"sent": True}
