# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Issue 8: daily reminders (each rule fires when due, is silent otherwise and on a second run),
one digest per person per day through the Email Queue and a real SMTP server on loopback, IM
robots through a real HTTP server on loopback that checks the DingTalk and Feishu signatures,
failure and retry with backoff."""

import json
import socket
import threading
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_to_date, get_datetime, getdate, now_datetime, today

from socialmedia_governance.discipline.categories import seed_violation_categories
from socialmedia_governance.notifications import delivery, reminders, wording
from socialmedia_governance.policy import digest, im
from socialmedia_governance.registry import people
from socialmedia_governance.setup import reminders as reminder_setup
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import (
	ensure_outgoing_email_account,
	make_account,
	make_active,
	make_group,
	make_user,
)

SECRET = "SECtest-signing-secret"
ACCOUNT = "Social Media Account"


def decoded(raw: str) -> str:
	"""The text of every part of a queued MIME message, decoded."""
	message = message_from_bytes(raw.encode(), policy=policy.default)
	return "\n".join(part.get_content() for part in message.walk() if part.get_content_maintype() == "text")


def insert(values: dict):
	return frappe.get_doc(values).insert()


def sent_to(queue, person: str) -> list:
	"""The queued emails of ``queue`` that go to ``person``."""
	return [
		q for q in queue if frappe.db.exists("Email Queue Recipient", {"parent": q.name, "recipient": person})
	]


def clear_robots() -> None:
	frappe.db.delete("IM Robot")
	frappe.db.delete("IM Delivery")


def robot_text(path: str, body: dict) -> str:
	"""The text a robot received, where each platform puts it."""
	if path.startswith("/wecom"):
		return body["markdown"]["content"]
	if path.startswith("/dingtalk"):
		return body["markdown"]["text"]
	return body["content"]["text"]


def approval_waiting_since(app, days: int) -> None:
	"""The opening application's step has waited ``days`` days."""
	frappe.db.sql(
		"update `tabApproval Step` set `creation` = %s where `parent` = %s",
		(add_days(now_datetime(), -days), app.name),
	)


@contextmanager
def loopback_smtp(received: list, keep):
	"""A real SMTP server on loopback behind the outgoing email account while inside (Frappe's
	``testing_email`` switch on); ``keep(envelope)`` of each message it gets goes to ``received``."""
	from aiosmtpd.controller import Controller

	class Handler:
		async def handle_DATA(self, server, session, envelope):
			received.append(keep(envelope))
			return "250 OK"

	with socket.socket() as sock:
		sock.bind(("127.0.0.1", 0))
		port = sock.getsockname()[1]
	controller = Controller(Handler(), hostname="127.0.0.1", port=port)
	controller.start()
	account = ensure_outgoing_email_account()
	old_port = frappe.db.get_value("Email Account", account, "smtp_port")
	frappe.db.set_value("Email Account", account, "smtp_port", port)
	frappe.clear_cache()
	frappe.flags.testing_email = True  # Frappe's switch for a real SMTP conversation in tests
	try:
		yield
	finally:
		frappe.flags.testing_email = False
		controller.stop()
		frappe.db.set_value("Email Account", account, "smtp_port", old_port)
		frappe.clear_cache()


@contextmanager
def rule_settings(rule: str, **values):
	"""Reminder Settings' row of ``rule`` with ``values`` while inside, put back after."""
	settings = frappe.get_single("Reminder Settings")
	row = next(r for r in settings.rules if r.rule == rule)
	before = {field: row.get(field) for field in values}
	row.update(values)
	settings.save()
	try:
		yield
	finally:
		row.update(before)
		settings.save()


class RobotServer:
	"""A loopback HTTP server that plays DingTalk, Feishu and WeCom: checks signatures and refuses a
	message over the platform's size limit with the platform's own error code (the limit of a
	path can be lowered through ``limits``)."""

	def __init__(self):
		self.received, self.fail, self.limits = [], False, {}
		outer = self

		class Handler(BaseHTTPRequestHandler):
			def do_POST(self):
				raw = self.rfile.read(int(self.headers["Content-Length"]))
				body = json.loads(raw)
				parts = urlsplit(self.path)
				query = parse_qs(parts.query)
				ok = True
				if parts.path.startswith("/dingtalk"):
					ts = int(query["timestamp"][0])
					ok = query["sign"][0] == im.dingtalk_sign(SECRET, ts)
				elif parts.path.startswith("/feishu"):
					ok = body.get("sign") == im.feishu_sign(SECRET, int(body["timestamp"]))
				channel = next(c for c in im.CHANNELS if parts.path.startswith("/" + c.lower()))
				size = len(body["markdown"]["content"].encode()) if channel == im.WECOM else len(raw)
				too_large = size > outer.limits.get(parts.path, im.SIZE_LIMIT[channel])
				outer.received.append((parts.path, body, ok and not too_large))
				if outer.fail:
					self.send_response(500)
					self.end_headers()
					return
				self.send_response(200)
				self.send_header("Content-Type", "application/json")
				self.end_headers()
				if channel == im.FEISHU:
					answer = {"code": 0}
					if not ok:
						answer = {"code": 19021, "msg": "sign match fail"}
					elif too_large:
						answer = {"code": 9499, "msg": "Bad Request"}
				elif too_large and ok:
					answer = {"errcode": 40058 if channel == im.WECOM else 460101, "errmsg": "too long"}
				else:
					answer = {"errcode": 0 if ok else 310000}
				self.wfile.write(json.dumps(answer).encode())

			def log_message(self, *args):
				pass

		self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		self.port = self.server.server_address[1]
		threading.Thread(target=self.server.serve_forever, daemon=True).start()

	def url(self, path):
		return f"http://127.0.0.1:{self.port}{path}"

	def close(self):
		self.server.shutdown()


class TestReminders(SchoolTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()
		reminder_setup.seed_settings()
		cls.site_lang = (
			frappe.db.get_default("lang"),
			frappe.db.get_single_value("System Settings", "language"),
		)
		# a school's site: robots and the settings speak Chinese (System Settings keeps both)
		frappe.db.set_default("lang", "zh")
		frappe.db.set_single_value("System Settings", "language", "zh")
		cls.robots = RobotServer()
		clear_robots()

	@classmethod
	def tearDownClass(cls):
		frappe.db.set_default("lang", cls.site_lang[0])
		frappe.db.set_single_value("System Settings", "language", cls.site_lang[1])
		frappe.db.commit()  # the rules commit the day's run: the language is put back for good too
		cls.robots.close()
		super().tearDownClass()

	def items_for(self, day, rule=None):
		items, _ctx = reminders.collect(day)
		return [i for i in items if rule is None or i.rule == rule]

	def refs(self, day, rule):
		return {(i.recipient, i.reference_name) for i in self.items_for(day, rule)}

	# ------------------------------------------------------------ records, each made as its real user
	def active_account(self, unit="kj", admin="admin_kj"):
		return make_active(make_account(self.s.units[unit], administrators=[{"user": self.s.u(admin)}]))

	def unfiled_group(self, unit, owner, member_count, name=None):
		return make_active(
			make_group(self.s.units[unit], self.s.u(owner), name, member_count=member_count), filed=False
		)

	def record(self, user, doctype, acc, **values):
		"""A ``doctype`` record about the account ``acc``, inserted by the school's ``user``."""
		values = {"doctype": doctype, "platform_doctype": ACCOUNT, "platform_record": acc.name, **values}
		return self.as_user(self.s.u(user), insert, values)

	def change_report(self, acc, change_type="Contact", **values):
		"""The administrator reports a change of ``acc`` today (a contact: 旧 → 新 unless given)."""
		values = values or {"old_value": "旧", "new_value": "新"}
		return self.record(
			"admin_kj", "Change Report", acc, change_type=change_type, event_date=today(), **values
		)

	def opening_application(self, acc):
		"""The administrator applies for ``acc`` and sends it for approval."""
		app = self.record("admin_kj", "Opening Application", acc, reason="学院宣传工作需要")
		self.as_user(self.s.u("admin_kj"), apply_workflow, app.as_dict(), "Submit for Approval")
		return app

	def incident(self, acc, url):
		"""The counsellor reports an incident found ten minutes ago."""
		found_on = add_to_date(now_datetime(), minutes=-10)
		return self.record("fdy_kj", "Incident", acc, found_on=found_on, url=url, description="不当信息")

	def violation(self, acc):
		"""The Propaganda Department records a poor-management violation (it bars from awards)."""
		seed_violation_categories()
		violation = self.record(
			"xcb_head",
			"Violation",
			acc,
			category="管理不善造成不良影响",
			found_on=today(),
			description="管理不善",
		)
		self.as_user(self.s.u("xcb_head"), violation.submit)
		return violation

	def release(self):
		"""The Propaganda Department issues a release to the tier-2 accounts of kj, due in 3 hours."""

		def issue():
			release = insert(
				{
					"doctype": "Coordinated Release",
					"title": "统一发布",
					"content": "内容",
					"deadline": add_to_date(now_datetime(), hours=3),
					"tier_1": 0,
					"tier_2": 1,
					"tier_3": 0,
					"units": [{"unit": self.s.units["kj"]}],
					"include_subunits": 0,
				}
			)
			release.submit()
			return release

		return self.as_user(self.s.u("xcb_head"), issue)

	def campaign(self, years_ahead):
		"""An annual review campaign of a year no other test uses."""
		name = f"ARC-{get_datetime(now_datetime()).year + years_ahead}"
		if not frappe.db.exists("Annual Review Campaign", name):
			insert({"doctype": "Annual Review Campaign", "year": int(name[4:])})
		return name

	def review(self, campaign, acc, status, due, **values):
		"""A review written the way the campaign's own bulk insert writes them."""
		review = frappe.get_doc(
			{
				"doctype": "Annual Review",
				"campaign": campaign,
				"platform_doctype": ACCOUNT,
				"platform_record": acc.name,
				"platform_title": acc.account_name,
				"owner_unit": acc.owner_unit,
				"tier": acc.tier,
				"status": status,
				"due_date": due,
				**values,
			}
		)
		review.db_insert()
		return review

	# ------------------------------------------------------------ rules
	def test_s13_change_report_due_tomorrow_and_overdue_fire_and_others_are_silent(self):
		s = self.s
		report = self.change_report(self.active_account(), old_value="旧电话", new_value="新电话")
		due = report.due_date
		self.assertNotIn((s.u("admin_kj"), report.name), self.refs(add_days(due, -3), "change_report_due"))
		self.assertIn((s.u("admin_kj"), report.name), self.refs(add_days(due, -1), "change_report_due"))
		self.assertIn((s.u("admin_kj"), report.name), self.refs(add_days(due, 2), "change_report_due"))

	def test_approval_waiting_longer_than_n_days_reaches_the_resolved_approvers(self):
		s = self.s
		app = self.opening_application(
			make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}])
		)
		self.assertNotIn((s.u("kj_dean"), app.name), self.refs(today(), "approval_waiting"))
		approval_waiting_since(app, 5)
		self.assertTrue(
			{(s.u("kj_dean"), app.name), (s.u("kj_sec"), app.name)} <= self.refs(today(), "approval_waiting")
		)

	def test_h4_1_unfiled_groups_and_s4_accounts_never_filed(self):
		s = self.s
		big = self.unfiled_group("kj_class", "owner_kj", 120)
		small = self.unfiled_group("kj_class", "owner_kj", 12)
		refs = self.refs(today(), "group_unfiled")
		self.assertIn((s.u("owner_kj"), big.name), refs)
		self.assertNotIn((s.u("owner_kj"), small.name), refs)
		draft = make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}])
		self.assertNotIn((s.u("admin_kj"), draft.name), self.refs(today(), "account_never_filed"))
		self.assertIn((s.u("admin_kj"), draft.name), self.refs(add_days(today(), 8), "account_never_filed"))

	def test_s13_personnel_change_awaiting_password_rotation_reaches_the_administrators(self):
		s = self.s
		report = self.change_report(self.active_account(), "Supervisor", remarks="学院院长调整")
		self.assertNotIn((s.u("admin_kj"), report.name), self.refs(today(), "password_rotation_pending"))
		self.as_user(s.u("xcb_head"), lambda: frappe.get_doc("Change Report", report.name).submit())
		mine = [
			i for i in self.items_for(today(), "password_rotation_pending") if i.reference_name == report.name
		]
		self.assertEqual([i.recipient for i in mine], [s.u("admin_kj")])
		day = add_days(today(), 41)  # a day nobody else's test uses
		self.assertEqual(len(reminders.unsent(mine, day)), 1)
		self.assertEqual(reminders.unsent(mine, day), [])  # second run: silent

	def test_graduation_handover_only_on_the_first_day_of_the_month(self):
		s = self.s
		acc = self.active_account("kj_xsh", "owner_kj")
		year = get_datetime(now_datetime()).year
		self.assertIn((s.u("owner_kj"), acc.name), self.refs(f"{year}-06-01", "graduation_handover"))
		self.assertNotIn((s.u("owner_kj"), acc.name), self.refs(f"{year}-06-02", "graduation_handover"))
		self.assertNotIn((s.u("owner_kj"), acc.name), self.refs(f"{year}-05-01", "graduation_handover"))

	def test_h9_incident_not_handled_in_time(self):
		s = self.s
		incident = self.incident(self.active_account(), "https://mp.weixin.qq.com/s/late")
		self.assertNotIn((s.u("fdy_kj"), incident.name), self.refs(today(), "incident_overdue"))
		frappe.db.set_value("Incident", incident.name, "handle_by", add_to_date(now_datetime(), hours=-1))
		refs = self.refs(today(), "incident_overdue")
		self.assertIn((s.u("fdy_kj"), incident.name), refs)
		self.assertIn((s.u("xcb_head"), incident.name), refs)

	def test_s16_annual_reports_due_overdue_and_rectification(self):
		s = self.s
		due = add_days(today(), 5)
		review = self.review(self.campaign(40), self.active_account(), "Pending Report", due)
		me = (s.u("admin_kj"), review.name)
		self.assertIn(me, self.refs(today(), "review_due"))  # due in 5 days, lead 7
		self.assertNotIn(me, self.refs(add_days(today(), -10), "review_due"))
		self.assertNotIn(me, self.refs(today(), "review_overdue"))
		self.assertIn(me, self.refs(add_days(due, 1), "review_overdue"))
		frappe.db.set_value(
			"Annual Review",
			review.name,
			{"status": "Reviewed", "outcome": "Rectify", "rectify_deadline": due},
		)
		self.assertIn(me, self.refs(today(), "rectification_due"))
		self.assertNotIn(me, self.refs(add_days(due, 1), "rectification_due"))
		self.assertNotIn(me, self.refs(add_days(due, 1), "review_overdue"))

	def test_s17_password_rotation_pending_and_h8_release_stragglers(self):
		s = self.s
		acc = self.active_account()
		report = self.change_report(acc)
		self.assertNotIn((s.u("admin_kj"), report.name), self.refs(today(), "password_rotation_pending"))
		frappe.db.set_value(
			"Change Report", report.name, {"docstatus": 1, "completion_status": "Awaiting Password Rotation"}
		)
		self.assertIn((s.u("admin_kj"), report.name), self.refs(today(), "password_rotation_pending"))
		# a coordinated release: the administrator is reminded until she confirms
		release = self.release()
		task = frappe.db.get_value("Release Task", {"release": release.name, "account": acc.name})
		self.assertIn((s.u("admin_kj"), task), self.refs(today(), "release_straggler"))
		from socialmedia_governance.content.doctype.coordinated_release.coordinated_release import (
			confirm_publication,
		)

		self.as_user(
			s.u("admin_kj"), confirm_publication, release.name, acc.name, "https://mp.weixin.qq.com/s/ok"
		)
		self.assertNotIn((s.u("admin_kj"), task), self.refs(today(), "release_straggler"))

	def test_h10_1_award_bans_ending_and_a_disabled_rule_is_silent(self):
		s = self.s
		violation = self.violation(self.active_account())
		ban = frappe.get_all("Award Ban", filters={"violation": violation.name}, fields=["name", "end_date"])[
			0
		]
		self.assertNotIn((s.u("xcb_head"), ban.name), self.refs(today(), "award_ban_ending"))
		self.assertIn((s.u("xcb_head"), ban.name), self.refs(add_days(ban.end_date, -3), "award_ban_ending"))
		# switched off in Reminder Settings: silent
		with rule_settings("award_ban_ending", enabled=0):
			self.assertNotIn(
				(s.u("xcb_head"), ban.name), self.refs(add_days(ban.end_date, -3), "award_ban_ending")
			)

	def test_seeded_email_templates_are_never_overwritten(self):
		template = frappe.get_doc("Email Template", reminder_setup.DIGEST_TEMPLATE)
		original = template.subject
		template.subject = "本校自定义的提醒标题 {{ count }}"
		template.save()
		try:
			reminder_setup.seed_settings()
			self.assertEqual(
				frappe.db.get_value("Email Template", reminder_setup.DIGEST_TEMPLATE, "subject"),
				"本校自定义的提醒标题 {{ count }}",
			)
			subject, _message = reminders.render(
				reminder_setup.DIGEST_TEMPLATE, {"count": 3, "items": []}, "zh"
			)
			self.assertEqual(subject, "本校自定义的提醒标题 3")
		finally:
			template.reload()
			template.subject = original
			template.save()

	# ------------------------------------------------------------ digest, idempotence, SMTP
	def test_one_digest_per_person_per_day_silent_on_the_second_run_and_delivered_by_smtp(self):
		s = self.s
		day = add_days(today(), 40)  # a day nobody else's test uses
		groups = [self.unfiled_group("xx_class", "fdy_xx", 90) for _n in range(2)]
		frappe.db.delete("Email Queue", {"reference_doctype": "Reminder Settings"})
		first = reminders.daily(day)
		self.assertGreaterEqual(first["items"], 2)
		queue = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Reminder Settings"},
			fields=["name", "message"],
		)
		mine = sent_to(queue, s.u("fdy_xx"))
		self.assertEqual(len(mine), 1, mine)  # two unfiled groups, one email
		text = decoded(mine[0].message)
		for group in groups:  # both in it, in the recipient's language
			self.assertIn(group.group_name, text)
		self.assertIn("必须向党委宣传部备案", text)
		self.assertNotIn("must be filed", text)
		# the Propaganda Department gets the school-wide summary
		self.assertTrue(sent_to(queue, s.u("xcb_head")))
		# second run on the same day: nothing new
		second = reminders.daily(day)
		self.assertEqual(second, {"items": 0, "digests": 0})
		self.assertEqual(
			len(frappe.get_all("Email Queue", filters={"reference_doctype": "Reminder Settings"})), len(queue)
		)

		# delivery through a real SMTP server on loopback
		from frappe.email.doctype.email_queue.email_queue import EmailQueue

		received = []
		with loopback_smtp(received, lambda envelope: (envelope.rcpt_tos, envelope.content)):
			EmailQueue.find(mine[0].name).send()
		self.assertEqual(len(received), 1)
		rcpt, content = received[0]
		self.assertEqual(rcpt, [s.u("fdy_xx")])
		subject = str(
			make_header(decode_header(message_from_bytes(content, policy=policy.default)["Subject"]))
		)
		self.assertIn("新媒体管理提醒", subject)

	# ------------------------------------------------------------ IM robots
	def robot(self, channel, path, unit=None):
		return frappe.get_doc(
			{
				"doctype": "IM Robot",
				"robot_name": f"{channel}-{frappe.generate_hash(length=5)}",
				"channel": channel,
				"webhook_url": self.robots.url(path),
				"secret": SECRET if channel != im.WECOM else None,
				"unit": unit,
			}
		).insert()

	def test_im_robots_signed_payloads_failure_and_retry(self):
		s = self.s
		clear_robots()
		ding = self.robot(im.DINGTALK, "/dingtalk?access_token=abc")
		fei = self.robot(im.FEISHU, "/feishu")
		wecom = self.robot(im.WECOM, "/wecom", unit=s.units["kj"])
		big = self.unfiled_group("kj_class", "owner_kj", 99)
		self.robots.received.clear()
		day = add_days(today(), 41)
		result = reminders.daily(day)
		self.assertGreater(result["items"], 0)
		queued = frappe.get_all("IM Delivery", filters={"status": "Queued"}, fields=["name", "robot", "text"])
		self.assertEqual({q.robot for q in queued}, {ding.name, fei.name, wecom.name})
		# the endpoint is down: nothing is lost, each waits for its retry with backoff
		self.robots.fail = True
		self.assertEqual(delivery.deliver_due(), 0)
		failed = frappe.get_all(
			"IM Delivery", filters={"status": "Queued"}, fields=["attempts", "next_attempt", "last_error"]
		)
		self.assertEqual(len(failed), 3)
		self.assertTrue(all(f.attempts == 1 and "HTTP 500" in f.last_error for f in failed))
		self.assertTrue(all(get_datetime(f.next_attempt) > now_datetime() for f in failed))
		self.assertEqual(delivery.deliver_due(), 0)  # not due yet: not even tried
		self.assertEqual(len(self.robots.received), 3)
		# back up: the retries go through, with valid signatures
		self.robots.fail = False
		frappe.db.sql(
			"update `tabIM Delivery` set `next_attempt` = %s where `status` = 'Queued'",
			add_to_date(now_datetime(), minutes=-1),
		)
		self.assertEqual(delivery.deliver_due(), 3)
		last = {path: (body, ok) for path, body, ok in self.robots.received[3:]}
		self.assertTrue(last["/dingtalk"][1] and last["/feishu"][1])
		self.assertEqual(last["/dingtalk"][0]["msgtype"], "markdown")
		self.assertIn("text", last["/feishu"][0]["content"])
		self.assertIn(big.group_name, last["/wecom"][0]["markdown"]["content"])  # the unit's own items
		# a second daily run on the same day queues nothing
		reminders.daily(day)
		self.assertEqual(frappe.db.count("IM Delivery", {"status": "Queued"}), 0)

	def test_a_wrong_secret_is_refused_by_the_robot_and_the_test_button_says_so(self):
		frappe.db.delete("IM Robot")
		robot = self.robot(im.DINGTALK, "/dingtalk?access_token=abc")
		robot.secret = "not-the-secret"
		robot.save()
		result = delivery.send_test(robot.name)
		self.assertFalse(result["sent"])
		self.assertIn("310000", result["error"])
		robot.secret = SECRET
		robot.save()
		self.assertTrue(delivery.send_test(robot.name)["sent"])

	# ------------------------------------------------------------ issue 20
	def test_h7_2_a_replaced_administrator_gets_nothing_and_the_new_one_gets_the_reminder(self):
		s = self.s
		acc = self.active_account()
		report = self.change_report(acc)
		overdue = add_days(report.due_date, 2)

		def recipients():
			return {
				i.recipient
				for i in self.items_for(overdue, "change_report_due")
				if i.reference_name == report.name
			}

		self.assertEqual(recipients(), {s.u("admin_kj")})
		# the register now names another administrator (as a recorded personnel change leaves it)
		# the role the register gives whoever it names administrator (registry/roles.py)
		successor = make_user(
			f"successor-{frappe.generate_hash(length=6)}@test.example.com", "Account Administrator"
		)
		frappe.db.sql(
			"update `tabSocial Media Administrator` set `user` = %s where `parent` = %s and `user` = %s",
			(successor, acc.name, s.u("admin_kj")),
		)
		self.assertEqual(recipients(), {successor})
		self.assertTrue(frappe.has_permission("Change Report", "read", doc=report.name, user=successor))
		self.assertFalse(
			frappe.has_permission("Change Report", "read", doc=report.name, user=s.u("admin_kj"))
		)

	def one_record_for_every_rule(self):
		"""Records that make every rule fire; returns the days on which they do."""
		s = self.s
		acc = self.active_account()
		draft = make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}])
		student = self.active_account("kj_xsh", "owner_kj")
		self.unfiled_group("kj_class", "owner_kj", 150)
		app = self.opening_application(draft)
		reports = [self.change_report(acc) for _n in range(2)]
		incident = self.incident(acc, "https://mp.weixin.qq.com/s/late2")
		violation = self.violation(acc)
		self.release()
		approval_waiting_since(app, 10)
		frappe.db.set_value("Incident", incident.name, "handle_by", add_to_date(now_datetime(), hours=-1))
		frappe.db.set_value(
			"Change Report",
			reports[1].name,
			{"docstatus": 1, "completion_status": "Awaiting Password Rotation"},
		)
		campaign = self.campaign(41)
		day = getdate(add_days(today(), 20))
		for status, outcome, due in (
			("Pending Report", None, add_days(day, 3)),
			("Pending Report", None, add_days(day, -3)),
			("Reviewed", "Rectify", None),
		):
			rectify_deadline = add_days(day, 3) if outcome else None
			self.review(
				campaign,
				self.active_account(),
				status,
				due,
				outcome=outcome,
				rectify_deadline=rectify_deadline,
			)
		# monitoring's rules (issue 19): one account silent past the warning day, one past the red line
		from socialmedia_governance.monitoring import activity as monitoring_activity
		from socialmedia_governance.monitoring import posts as post_store
		from socialmedia_governance.policy import posts as post_sources

		settings = frappe.get_single("Governance Settings")
		settings.activity_red_line_days, settings.activity_warning_days = 14, 10
		settings.flags.ignore_permissions = True
		settings.save()
		for days_ago in (11, 30):
			silent = self.active_account()
			post_store.upsert(
				[
					{
						"account": silent.name,
						"title": "一条动态",
						"link": f"https://example.com/{silent.name}",
						"published_at": add_days(now_datetime(), -days_ago),
					}
				],
				post_sources.MANUAL,
			)
		monitoring_activity.recompute()
		ban_end = frappe.db.get_value("Award Ban", {"violation": violation.name}, "end_date")
		graduation = getdate(f"{getdate(today()).year + 1}-06-01")
		return [day, getdate(add_days(ban_end, -3)), graduation], student

	def test_every_reminder_reaches_people_who_can_open_its_record_and_carries_its_unit(self):
		days, _student = self.one_record_for_every_rule()
		items = [i for day in days for i in reminders.collect(day)[0]]
		self.assertEqual({i.rule for i in items}, set(reminders.QUERIES))  # every rule fired
		opened = 0
		for item in {(i.recipient, i.reference_doctype, i.reference_name, i.rule): i for i in items}.values():
			self.assertTrue(item.owner_unit, item)  # every item belongs to a unit (unit robots get it)
			self.assertTrue(
				frappe.has_permission(
					item.reference_doctype, "read", doc=item.reference_name, user=item.recipient
				),
				f"{item.recipient} cannot open {item.reference_doctype} {item.reference_name} ({item.rule})",
			)
			opened += 1
		self.assertGreaterEqual(opened, len(reminders.QUERIES))

	def test_labels_are_plain_words_with_the_days_from_the_settings(self):
		import re

		with rule_settings("approval_waiting", lead_days=5):
			descriptions = {r.rule: r.description for r in frappe.get_single("Reminder Settings").rules}
			self.assertEqual(descriptions["approval_waiting"], "等待审批超过 5 天")
			self.assertEqual(wording.label("review_due", 7, "zh"), "7 天内到期的年度检查报告")
			for rule in reminders.QUERIES:
				text = wording.label(rule, 3, "zh")
				self.assertIsNone(re.search(r"[（(][SH]\d|\bN\b|[A-Za-z]{3}", text), text)

	def test_unit_robots_get_approval_items_with_ids_links_and_identical_lines_grouped(self):
		s = self.s
		clear_robots()
		wecom = self.robot(im.WECOM, "/wecom", unit=s.units["kj"])
		fei = self.robot(im.FEISHU, "/feishu", unit=s.units["kj"])
		app = self.opening_application(
			make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}])
		)
		approval_waiting_since(app, 10)
		name = f"同名群{frappe.generate_hash(length=4)}"
		twins = [self.unfiled_group("kj_class", "owner_kj", 120, name) for _n in range(2)]
		reminders.daily(add_days(today(), 42))
		self.robots.received.clear()
		delivery.deliver_due()
		texts = {
			path: "\n".join(robot_text(p, b) for p, b, _ok in self.robots.received if p == path)
			for path in ("/wecom", "/feishu")
		}
		base = frappe.utils.get_url()
		for text in texts.values():
			self.assertIn(app.name, text)  # the approval item reached the unit's robots
			self.assertIn(f"{base}/app/opening-application/{app.name}", text)
			line = next(x for x in text.split("\n") if name in x)
			self.assertIn("共 2 条", line)  # two records, one line
			for group in twins:
				self.assertIn(f"{base}/app/social-media-group/{group.name}", line)
		self.assertIn(f"[{app.name}]({base}/app/opening-application/{app.name})", texts["/wecom"])
		self.assertTrue(texts["/wecom"].startswith("**新媒体管理提醒"))
		self.assertIn("项提醒", texts["/wecom"].split("\n")[1])  # the counts lead
		self.assertEqual({r for r in frappe.get_all("IM Delivery", pluck="robot")}, {wecom.name, fei.name})

	def test_a_province_scale_day_is_split_under_each_platform_limit_and_all_delivered(self):
		s = self.s
		clear_robots()
		robots = {
			im.WECOM: self.robot(im.WECOM, "/wecom"),
			im.DINGTALK: self.robot(im.DINGTALK, "/dingtalk?access_token=abc"),
			im.FEISHU: self.robot(im.FEISHU, "/feishu"),
		}
		for robot in robots.values():
			frappe.db.set_value("IM Robot", robot.name, "unit", s.units["kj"])
		# a December day of a province's schools, as the rules return it (2,500 reminders)
		items = [
			digest.Item(
				f"user{n % 300}@example.edu.cn",
				rule,
				"Annual Review",
				f"AR-PROV-{n:05d}",
				reminders.table.RULES[rule].texts[0],
				s.units["kj_class"],
				(f"某某学院第{n}号公众号", "2026-12-31"),
			)
			for n in range(2500)
			for rule in (("review_due", "review_overdue")[n % 2],)
		]
		_items, ctx = reminders.collect(today())
		self.assertEqual(delivery.enqueue_robots(items, ctx) > 3, True)
		queued = {
			c: frappe.db.count("IM Delivery", {"robot": r.name, "status": "Queued"})
			for c, r in robots.items()
		}
		self.robots.received.clear()
		rounds = 0
		while frappe.db.count("IM Delivery", {"status": "Queued"}) and rounds < 20:
			before = len(self.robots.received)
			delivery.deliver_due(limit=1000)
			this_round = self.robots.received[before:]
			for channel in robots:
				path = "/" + channel.lower()
				per_minute = im.RATE_LIMITS[channel][0][0]
				self.assertLessEqual(sum(1 for p, _b, _o in this_round if p == path), per_minute)
			# a minute passes
			frappe.db.sql(
				"update `tabIM Delivery` set `last_attempt` = %s, `next_attempt` = %s where `last_attempt` is not null or `status` = 'Queued'",
				(add_to_date(now_datetime(), minutes=-2), add_to_date(now_datetime(), minutes=-1)),
			)
			rounds += 1
		self.assertEqual(frappe.db.count("IM Delivery", {"status": ("!=", "Sent")}), 0)
		self.assertTrue(all(ok for _p, _b, ok in self.robots.received))  # every message within the limit
		self.assertEqual(len(self.robots.received), sum(queued.values()))
		self.assertGreater(queued[im.WECOM], per_minute)  # rate-limited over several minutes
		for channel in robots:
			texts = [robot_text(p, b) for p, b, _o in self.robots.received if p == "/" + channel.lower()]
			self.assertIn("共 2500 项提醒", texts[0].split("\n")[1])  # the counts first
			delivered = "\n".join(texts)
			self.assertEqual(
				sum(
					delivered.count(f"AR-PROV-{n:05d}]") + delivered.count(f"AR-PROV-{n:05d} ")
					for n in (0, 1234, 2499)
				),
				3,
			)

	def test_a_message_refused_for_its_size_is_split_and_never_sent_again_unchanged(self):
		clear_robots()
		robot = self.robot(im.WECOM, "/wecom-small")
		self.robots.limits["/wecom-small"] = 300  # a robot that accepts less than documented
		try:
			lines = [f"- 第 {n} 条提醒：某某学院公众号年报逾期" for n in range(20)]
			frappe.get_doc(
				{
					"doctype": "IM Delivery",
					"robot": robot.name,
					"text": "\n".join(["**提醒**", *lines]),
					"status": "Queued",
					"next_attempt": now_datetime(),
				}
			).insert()
			one_line = frappe.get_doc(
				{
					"doctype": "IM Delivery",
					"robot": robot.name,
					"text": "**提醒**\n" + "很长" * 200,
					"status": "Queued",
					"next_attempt": now_datetime(),
				}
			).insert()
			self.robots.received.clear()
			for _round in range(10):
				delivery.deliver_due()
			sent_texts = [b["markdown"]["content"] for _p, b, _ok in self.robots.received]
			self.assertEqual(len(sent_texts), len(set(sent_texts)))  # nothing sent twice unchanged
			self.assertEqual(frappe.db.get_value("IM Delivery", one_line.name, "status"), "Refused")
			self.assertEqual(frappe.db.count("IM Delivery", {"status": "Queued"}), 0)
			delivered = "\n".join(b["markdown"]["content"] for _p, b, ok in self.robots.received if ok)
			for line in lines:
				self.assertIn(line, delivered)  # every line arrived, in messages the robot accepted
		finally:
			self.robots.limits.clear()

	def test_the_day_goes_out_once_after_the_send_time_from_the_settings(self):
		settings = frappe.get_single("Reminder Settings")
		now = now_datetime()
		frappe.db.set_single_value("Reminder Settings", "last_sent_on", None)
		try:
			if now.time().strftime("%H:%M") < "23:59":
				frappe.db.set_single_value("Reminder Settings", "send_time", "23:59:59")
				self.assertIsNone(reminders.scheduled())  # not yet
			frappe.db.set_single_value("Reminder Settings", "send_time", "00:00:00")
			self.assertIsNotNone(reminders.scheduled())  # past the time: sent
			self.assertEqual(
				str(frappe.db.get_single_value("Reminder Settings", "last_sent_on")), str(now.date())
			)
			self.assertIsNone(reminders.scheduled())  # once a day
			# an empty send time (a site migrated to this version) gets the default, 08:30
			frappe.db.set_single_value("Reminder Settings", "send_time", None)
			reminder_setup.seed_settings()
			stored = frappe.db.get_single_value("Reminder Settings", "send_time")
			self.assertEqual(reminders.table.send_time(stored).strftime("%H:%M"), "08:30")
		finally:
			frappe.db.set_single_value("Reminder Settings", "send_time", settings.send_time or "08:30:00")
			frappe.db.set_single_value("Reminder Settings", "last_sent_on", settings.last_sent_on)

	def test_the_propaganda_department_gets_one_email_a_day_with_the_linked_summary(self):
		day = add_days(today(), 43)
		self.unfiled_group("xx_class", "fdy_xx", 90)
		frappe.db.delete("Email Queue", {"reference_doctype": "Reminder Settings"})
		reminders.daily(day)
		queue = frappe.get_all(
			"Email Queue", filters={"reference_doctype": "Reminder Settings"}, fields=["name", "message"]
		)
		for person in people.propaganda_people():
			mine = sent_to(queue, person)
			self.assertEqual(len(mine), 1, person)
			text = decoded(mine[0].message)
			self.assertIn("今日全校待办汇总", text)
			self.assertIn(f"/app/reminder-log?rule=group_unfiled&amp;day={getdate(day)}", text)

	def test_send_test_email_goes_to_the_admins_address_or_says_there_is_none(self):
		from socialmedia_governance.notifications import delivery as d

		original = frappe.db.get_value("User", "Administrator", "email")
		frappe.db.set_value("User", "Administrator", "email", "admin@example.com")
		try:
			with self.assertRaises(frappe.ValidationError):
				d.send_test_email()
			frappe.db.set_value("User", "Administrator", "email", "it-office@school.edu.cn")
			received = []
			with loopback_smtp(received, lambda envelope: envelope.rcpt_tos):
				self.assertEqual(d.send_test_email()["recipient"], "it-office@school.edu.cn")
			self.assertEqual(received, [["it-office@school.edu.cn"]])
		finally:
			frappe.db.set_value("User", "Administrator", "email", original)
