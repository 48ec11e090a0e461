# Copyright (c) 2026, socialmedia_governance developers and contributors
"""The desk's report call (issue 17): ``frappe.desk.query_report.run`` is answered by
``reports.run`` for the app's Script Reports, from the cached Report document. For every Script
Report of the app and every person of a test school, its answer must be Frappe's own: the same
columns, rows, totals and chart, or the same refusal with the same message."""

import json

import frappe
from frappe.desk import query_report
from frappe.tests.test_api import make_request
from frappe.utils import add_to_date, get_test_client, now_datetime

from socialmedia_governance import reports
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import (
	api_token,
	ensure_outgoing_email_account,
	make_account,
	make_active,
)
from socialmedia_governance.validation import app_modules

ENDPOINT = "frappe.desk.query_report.run"


def script_reports() -> dict:
	"""Every standard Script Report of the app, name → its Python module (reports.script_reports)."""
	return {report.name: module for report, module in reports.script_reports()}


def outcome(call, report: str, filters: str):
	"""What the desk receives: the result without its timing, or the refusal's class and text."""
	try:
		result = call(report, filters=filters)
	except Exception as error:
		frappe.clear_messages()
		return ("refused", type(error).__name__, str(error))
	result = dict(result)
	result.pop("execution_time", None)
	return ("answer", json.loads(frappe.as_json(result)))


class TestReportEndpoint(SchoolTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_outgoing_email_account()
		units = ("kj_class", "kj_xsh", "xx_class", "club")
		for unit in units:
			make_active(make_account(cls.s.units[unit]))
		# a release to them, so that the comparison includes answers with rows whatever ran before
		frappe.set_user(cls.s.u("xcb_head"))
		frappe.get_doc(
			{
				"doctype": "Coordinated Release",
				"title": "统一发布（报表比较）",
				"content": "报表比较用的统一发布。",
				"deadline": add_to_date(now_datetime(), hours=2),
				"tier_1": 1,
				"tier_2": 1,
				"tier_3": 1,
				"units": [{"unit": cls.s.units[unit]} for unit in units],
			}
		).insert().submit()
		frappe.set_user("Administrator")
		frappe.db.commit()

	def test_the_desk_report_call_is_the_apps(self):
		self.assertEqual(
			frappe.get_hooks("override_whitelisted_methods")[ENDPOINT][-1], f"{reports.__name__}.run"
		)

	def test_every_script_report_of_the_app_is_answered_from_the_cached_report(self):
		names = script_reports()
		self.assertGreaterEqual(len(names), 5)
		for name in names:
			self.assertTrue(reports.served_here(frappe.get_cached_doc("Report", name)), name)

	def test_every_script_report_answers_every_person_as_frappes_run_does(self):
		answered = refused = 0
		for key, user in self.s.users.items():
			frappe.set_user(user)
			for name in script_reports():
				for filters in ("{}", None):
					ours = outcome(reports.run, name, filters)
					frappes = outcome(query_report.run, name, filters)
					self.assertEqual(ours, frappes, f"{name} as {key}, filters {filters}")
					answered += ours[0] == "answer" and bool(ours[1]["result"])
					refused += ours[0] == "refused"
			frappe.set_user("Administrator")
		# both kinds were compared: people who read rows, and people the report refuses
		self.assertGreater(answered, 0)
		self.assertGreater(refused, 0)

	def test_every_link_column_of_every_report_is_one_its_viewer_may_open(self):
		"""Frappe refuses a whole report whose rows link to a DocType the viewer may neither read
		nor select ("No permission to read Violation"): for every person of the school and every
		Script Report they may open, each Link column's DocType must be one they may read or
		select (reports.column shows any other as text)."""
		checked = 0
		for key, user in self.s.users.items():
			frappe.set_user(user)
			for name, module in script_reports().items():
				report = frappe.get_doc("Report", name)
				if not report.is_permitted() or not frappe.has_permission(report.ref_doctype, "report"):
					continue
				try:
					columns = module.execute(frappe._dict())[0]
				except frappe.PermissionError:
					frappe.clear_messages()
					continue
				for column in columns:
					if column.get("fieldtype") == "Link":
						self.assertTrue(reports.may_link(column["options"]), f"{name}: {column} as {key}")
						checked += 1
			frappe.set_user("Administrator")
		self.assertGreater(checked, 0)

	def test_other_reports_and_other_users_go_to_frappes_run(self):
		frappe.set_user(self.s.u("kj_dean"))
		report = frappe.get_cached_doc("Report", next(iter(script_reports())))
		self.assertFalse(reports.served_here(report, user="Administrator"))
		self.assertFalse(reports.served_here(report, custom_columns=[{"fieldname": "x"}]))
		outside = {"module": ("not in", sorted(app_modules()))}
		for filters in (
			{"report_type": ("!=", "Script Report")},
			{**outside, "report_type": "Script Report"},
		):
			other = frappe.get_all("Report", filters=filters, pluck="name", limit=1)
			self.assertTrue(other, filters)  # Frappe ships both kinds
			self.assertFalse(reports.served_here(frappe.get_doc("Report", other[0])), other[0])

	def test_over_http_a_person_without_the_reports_role_is_refused_and_one_with_it_answered(self):
		client = get_test_client()
		name = "Change Report Timeliness"  # for unit heads, not for counsellors
		tokens = {key: api_token(self.s.u(key)) for key in ("fdy_kj", "kj_dean")}
		frappe.db.commit()
		for key, status in (("fdy_kj", 403), ("kj_dean", 200)):
			response = make_request(
				target=client.post,
				args=(f"/api/method/{ENDPOINT}",),
				kwargs={
					"headers": {"Authorization": tokens[key]},
					"json": {"report_name": name, "filters": "{}"},
				},
			)
			frappe.db.rollback()
			self.assertEqual(response.status_code, status, f"{key}: {response.get_data(as_text=True)[:300]}")
			if status == 200:
				self.assertIn("columns", response.json["message"])
