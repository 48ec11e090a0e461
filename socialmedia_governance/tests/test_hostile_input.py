# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Hostile input (issue 9), property-based with hypothesis, through the REST API as a Chinese-
speaking Propaganda Manager: huge strings, control characters, XSS and Jinja payloads, wrong
types and impossible dates written into every data field of the main DocTypes must give a
validation error in Chinese (HTTP 4xx), never a server error, and whatever is stored must be
shown escaped on the printed page and never evaluated as a template."""

import json
import re
from urllib.parse import quote

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_test_client, now_datetime
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialmedia_governance.tests.factories import (
	api_token,
	make_account,
	make_active,
	make_group,
	make_school,
	make_user,
)

PAYLOADS = (
	"<script>alert(1)</script>",
	'<img src=x onerror="alert(1)">',
	"{{ 7*7 }}",
	"{{ frappe.db.sql('select name from tabUser') }}",
	"{% for i in range(10) %}x{% endfor %}",
	"'; drop table `tabUser`; --",
	'=HYPERLINK("http://evil.example","x")',
	"\u202e\u200b\ufeff",
	"账号密码：Abc12345",
)
IMPOSSIBLE_DATES = ("2026-02-30", "0000-00-00", "1900-13-01", "31/12/2026", "tomorrow", "9999-99-99 99:99")
CJK = re.compile(r"[\u4e00-\u9fff]")
TEXT_TYPES = ("Data", "Small Text", "Text", "Long Text")
DATE_TYPES = ("Date", "Datetime")
NUMBER_TYPES = ("Int", "Float", "Percent", "Check")


def messages(response) -> list[str]:
	"""What the user is shown: the messages of the response (and the exception's text)."""
	body = response.json or {}
	shown = [body.get("exception") or ""]
	for raw in json.loads(body.get("_server_messages") or "[]"):
		shown.append(str(json.loads(raw).get("message", "")))
	return shown


def hostile_value(fieldtype: str):
	anything = st.one_of(
		st.sampled_from(PAYLOADS),
		st.text(min_size=1, max_size=50),
		st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=31), min_size=1, max_size=20),
		st.integers(min_value=-(2**63), max_value=2**63),
		st.lists(st.integers(), max_size=3),
		st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
		st.booleans(),
	)
	if fieldtype in TEXT_TYPES:
		return st.one_of(anything, st.text(min_size=2000, max_size=20000))
	if fieldtype in DATE_TYPES:
		return st.one_of(anything, st.sampled_from(IMPOSSIBLE_DATES))
	return anything


class TestHostileInput(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = s = make_school()
		cls.user = make_user(f"hostile-{s.suffix}@test.example.com", "Propaganda Manager")
		cls.auth = {"Authorization": api_token(cls.user)}
		acc = make_active(make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}]))
		group = make_group(s.units["kj_class"], s.u("owner_kj"), member_count=30)
		incident = frappe.get_doc(
			{
				"doctype": "Incident",
				"platform_doctype": "Social Media Account",
				"platform_record": acc.name,
				"found_on": add_to_date(now_datetime(), hours=-1),
				"url": "https://mp.weixin.qq.com/s/x",
				"description": "不当信息",
			}
		).insert(ignore_permissions=True)
		release = frappe.get_doc(
			{
				"doctype": "Coordinated Release",
				"title": "统一发布",
				"content": "内容",
				"deadline": add_to_date(now_datetime(), days=1),
			}
		).insert(ignore_permissions=True)
		from socialmedia_governance.discipline.categories import seed_violation_categories

		seed_violation_categories()
		request = frappe.get_doc(
			{
				"doctype": "Publication Request",
				"title": "标题",
				"category": "Emergency",
				"content": "正文",
				"targets": [{"account": acc.name}],
			}
		).insert(ignore_permissions=True)
		violation = frappe.get_doc(
			{
				"doctype": "Violation",
				"platform_doctype": "Social Media Account",
				"platform_record": acc.name,
				"category": "人身攻击",
				"found_on": frappe.utils.today(),
				"description": "违规情况",
			}
		).insert(ignore_permissions=True)
		cls.records = {
			"Social Media Account": acc.name,
			"Social Media Group": group.name,
			"Organization Unit": s.units["kj_class"],
			"Incident": incident.name,
			"Coordinated Release": release.name,
			"Publication Request": request.name,
			"Violation": violation.name,
		}
		frappe.db.commit()

	def fields(self, doctype):
		meta = frappe.get_meta(doctype)
		return [
			(f.fieldname, f.fieldtype)
			for f in meta.fields
			if f.fieldtype in (*TEXT_TYPES, *DATE_TYPES, *NUMBER_TYPES, "Select") and not f.read_only
		]

	def put(self, doctype, name, payload):
		return make_request(
			target=get_test_client().put,
			args=(f"/api/resource/{quote(doctype)}/{quote(name)}",),
			# _lang: Frappe gives API-token requests the system language unless asked
			kwargs={"headers": self.auth, "json": {**payload, "_lang": "zh"}},
		)

	def check(self, doctype, data):
		name = self.records[doctype]
		fieldname, value = data
		response = self.put(doctype, name, {fieldname: value})
		self.assertLess(
			response.status_code,
			500,
			f"{doctype}.{fieldname} = {value!r}: {response.get_data(as_text=True)[:500]}",
		)
		if response.status_code == 417:
			self.assertRegex(" ".join(messages(response)), CJK, f"{doctype}.{fieldname} = {value!r}")
		frappe.db.rollback()
		stored = frappe.db.get_value(doctype, name, fieldname)
		if isinstance(stored, str) and stored in PAYLOADS:
			html = frappe.get_print(doctype, name, print_format="Standard", doc=frappe.get_doc(doctype, name))
			if "<" in stored:
				self.assertNotIn(stored, html)  # shown escaped (&lt;script&gt;), never as markup
			if "{{" in stored or "{%" in stored:
				self.assertNotIn(">49<", html)  # a template in the data is shown, never evaluated
				self.assertNotIn("Guest", html)  # the query in the payload never ran

	def run_doctype(self, doctype):
		fields = self.fields(doctype)
		self.assertTrue(fields, doctype)
		strategy = st.sampled_from(fields).flatmap(lambda f: st.tuples(st.just(f[0]), hostile_value(f[1])))

		@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
		@given(strategy)
		def prop(data):
			self.check(doctype, data)

		prop()

	def test_hostile_input_social_media_account(self):
		self.run_doctype("Social Media Account")

	def test_hostile_input_social_media_group(self):
		self.run_doctype("Social Media Group")

	def test_hostile_input_organization_unit(self):
		self.run_doctype("Organization Unit")

	def test_hostile_input_incident(self):
		self.run_doctype("Incident")

	def test_hostile_input_coordinated_release(self):
		self.run_doctype("Coordinated Release")

	def test_hostile_input_publication_request(self):
		self.run_doctype("Publication Request")

	def test_hostile_input_violation(self):
		self.run_doctype("Violation")
