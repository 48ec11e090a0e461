# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Hostile input (issue 9), property-based with hypothesis, through the REST API as a Chinese-
speaking Propaganda Manager (or System Manager where the Propaganda Manager may not write):
huge strings, control characters, XSS and Jinja payloads, wrong types and impossible dates
written into every data field of EVERY DocType of the app (listed at run time, like the
permission matrix, so a new DocType is covered without touching this file) and into the data
fields of their child rows must give a validation error in Chinese (HTTP 4xx), never a server
error; whatever is stored must be shown escaped on the printed page and never evaluated as a
template; a submitted record keeps its values (an archived Content Filing refuses every change)."""

import json
import re
from pathlib import Path
from urllib.parse import quote

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import add_days, add_months, add_to_date, get_test_client, now_datetime, today
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialmedia_governance.tests.base import CommittedRecordsTestCase, contact_change, snapshot_single
from socialmedia_governance.tests.factories import (
	api_token,
	make_account,
	make_active,
	make_group,
	make_user,
)

APP = "socialmedia_governance"
MATRIX = json.loads((Path(__file__).parent / "permission_matrix.json").read_text(encoding="utf-8"))
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
TEXT_TYPES = ("Data", "Small Text", "Text", "Long Text", "Text Editor")
DATE_TYPES = ("Date", "Datetime")
NUMBER_TYPES = ("Int", "Float", "Currency", "Percent", "Check")
DATA_TYPES = (*TEXT_TYPES, *DATE_TYPES, *NUMBER_TYPES, "Select")
MAX_EXAMPLES = 15
# one wrong-typed and one type-specific hostile value for every field, before the random examples
SWEEP = {
	"text": (PAYLOADS, {"a": 1}),
	"date": (IMPOSSIBLE_DATES, [2026, 2, 30]),
	"number": (("abc", "1e400", 2**63), {"a": 1}),
	"other": (PAYLOADS, [1, 2]),
}


def app_doctypes() -> list[str]:
	"""The DocTypes of the app's modules that are not child tables (as the permission matrix)."""
	modules = frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")
	return frappe.get_all(
		"DocType", filters={"module": ("in", modules), "istable": 0}, pluck="name", order_by="name"
	)


def data_fields(doctype: str) -> list[tuple[str, str]]:
	return [
		(f.fieldname, f.fieldtype)
		for f in frappe.get_meta(doctype).fields
		if f.fieldtype in DATA_TYPES and not f.read_only
	]


def child_tables(doctype: str) -> list[tuple[str, str]]:
	"""(table field, child DocType) of the editable child tables that have data fields."""
	return [
		(df.fieldname, df.options)
		for df in frappe.get_meta(doctype).get_table_fields()
		if not df.read_only and data_fields(df.options)
	]


def writable(doctype: str) -> bool:
	"""Whether any role may write or create ``doctype`` (permission_matrix.json)."""
	return any({"w", "c"} & set(ops) for ops in MATRIX.get(doctype, {}).values())


def writer(doctype: str) -> str:
	"""The role that attacks: the Propaganda Manager, or the System Manager where it may not write."""
	return (
		"Propaganda Manager"
		if "w" in MATRIX.get(doctype, {}).get("Propaganda Manager", "")
		else "System Manager"
	)


def may_write(doctype: str, role: str) -> bool:
	return "w" in MATRIX.get(doctype, {}).get(role, "")


def messages(response) -> list[str]:
	"""What the user is shown: the messages of the response (and the exception's text)."""
	body = response.json or {}
	shown = [body.get("exception") or ""]
	for raw in json.loads(body.get("_server_messages") or "[]"):
		shown.append(str(json.loads(raw).get("message", "")))
	return shown


def kind(fieldtype: str) -> str:
	if fieldtype in TEXT_TYPES:
		return "text"
	if fieldtype in DATE_TYPES:
		return "date"
	if fieldtype in NUMBER_TYPES:
		return "number"
	return "other"


def sweep_values(fields: list[tuple[str, str]]) -> list[tuple[str, object]]:
	"""Every field gets one wrong-typed value and one of its kind's hostile values (cycled)."""
	out = []
	for i, (fieldname, fieldtype) in enumerate(fields):
		hostile, wrong = SWEEP[kind(fieldtype)]
		out += [(fieldname, hostile[i % len(hostile)]), (fieldname, wrong)]
	return out


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


# ---------------------------------------------------------------- records to attack
def first_free(candidates, exists) -> object:
	return next(c for c in candidates if not exists(c))


def build_records(s) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
	"""One valid record of every DocType (the first of each list is the main one; further ones are
	submitted records), and the site-wide records to remove afterwards."""
	from frappe.model.workflow import apply_workflow

	from socialmedia_governance.content import lexicon
	from socialmedia_governance.discipline.categories import seed_violation_categories
	from socialmedia_governance.documents import forms
	from socialmedia_governance.filing.workflows import seed_workflows
	from socialmedia_governance.review import campaign as campaigns
	from socialmedia_governance.setup.reminders import seed_settings as seed_reminder_settings

	seed_workflows()
	seed_violation_categories()
	lexicon.seed_categories()
	seed_reminder_settings()
	x = s.suffix
	records: dict[str, list[str]] = {}
	cleanup: list[tuple[str, str]] = []

	def add(doc, site_wide=False):
		records.setdefault(doc.doctype, []).append(doc.name)
		if site_wide:
			cleanup.append((doc.doctype, doc.name))
		return doc

	def insert(values, site_wide=False):
		return add(frappe.get_doc(values).insert(ignore_permissions=True), site_wide)

	admins = [
		{
			"user": s.u("admin_kj"),
			"admin_role": "Chief Administrator",
			"phone": "13800000000",
			"from_date": today(),
		}
	]

	def account(**values):
		return make_active(make_account(s.units["kj"], administrators=admins, **values))

	# registry
	acc = add(account())
	group = add(
		make_active(make_group(s.units["kj_class"], s.u("owner_kj"), member_count=30, administrators=admins))
	)
	add(frappe.get_doc("Organization Unit", s.units["kj_class"]))
	insert(
		{
			"doctype": "Social Media Platform",
			"platform_name": f"测试平台{x}",
			"platform_code": f"test{x}",
			"kind": "Public Account",
			"enabled": 0,
		},
		site_wide=True,
	)

	# content
	category = insert({"doctype": "Sensitive Word Category", "category_name": f"测试类别{x}"}, site_wide=True)
	word = insert(
		{"doctype": "Sensitive Word", "term": f"敌对词{x}", "category": category.name, "severity": 1},
		site_wide=True,
	)
	insert(
		{
			"doctype": "Incident",
			"platform_doctype": "Social Media Account",
			"platform_record": acc.name,
			"found_on": add_to_date(now_datetime(), hours=-1),
			"url": "https://mp.weixin.qq.com/s/x",
			"description": "不当信息",
		}
	)
	release = {
		"doctype": "Coordinated Release",
		"title": "统一发布",
		"content": "内容",
		"deadline": add_to_date(now_datetime(), days=1),
		f"tier_{acc.tier}": 1,
		"units": [{"unit": acc.owner_unit}],
	}
	insert(release)
	issued = insert(release)
	issued.submit()
	add(frappe.get_doc("Release Task", {"release": issued.name, "account": acc.name}))
	insert(
		{
			"doctype": "Publication Request",
			"title": "标题",
			"category": "Emergency",
			"content": f"正文含{word.term}",
			"targets": [{"account": acc.name}],
		}
	)
	# an approved request (the supervisor alone approves major unit information) and its filing
	frappe.set_user(s.u("admin_kj"))
	approved = frappe.get_doc(
		{
			"doctype": "Publication Request",
			"title": "学院通知",
			"category": "Major Unit Information",
			"content": "学院召开年度工作会议。",
			"targets": [{"account": acc.name}],
		}
	).insert()
	for row in approved.checklist:
		row.confirmed = 1
	approved.save()
	for user, action in ((s.u("admin_kj"), "Submit for Approval"), (s.u("kj_sec"), "Approve")):
		frappe.set_user(user)
		apply_workflow(frappe.get_doc("Publication Request", approved.name).as_dict(), action)
	frappe.set_user(s.u("admin_kj"))
	filing = frappe.get_doc(
		{
			"doctype": "Content Filing",
			"publication_request": approved.name,
			"account": acc.name,
			"published_url": "https://mp.weixin.qq.com/s/filed",
			"published_at": now_datetime(),
		}
	).insert()
	filing.submit()
	frappe.set_user("Administrator")
	add(frappe.get_doc("Publication Request", approved.name))
	add(filing)

	# discipline
	insert(
		{"doctype": "Violation Category", "category_name": f"测试违规{x}", "clause": "H10"}, site_wide=True
	)
	violation = {
		"doctype": "Violation",
		"platform_doctype": "Social Media Group",
		"platform_record": group.name,
		"category": "人身攻击",
		"found_on": today(),
		"description": "违规情况",
		"persons": [{"user": s.u("outsider"), "person_name": "成员", "role_in_platform": "Member"}],
	}
	insert(violation)
	decided = insert(violation)
	decided.submit()
	insert(
		{
			"doctype": "Award Ban",
			"subject_type": "User",
			"subject": s.u("outsider"),
			"start_date": today(),
			"end_date": add_months(today(), 6),
			"violation": decided.name,
			"reason": "违规",
		},
		site_wide=True,
	)

	# filing
	insert(
		contact_change(
			acc,
			"010-2",
			new_administrators=[{"user": s.u("admin_kj"), "admin_role": "Administrator", "phone": "010-2"}],
		)
	)
	reported = insert(contact_change(account(), "010-3", remarks="备注"))
	reported.submit()
	insert(
		{
			"doctype": "Closure Request",
			"platform_doctype": "Social Media Account",
			"platform_record": account().name,
			"reason": "账号停止使用",
			"date_closed": today(),
		}
	)
	insert({"doctype": "Certification Application", "account": account().name, "materials": "认证申请书"})
	insert(
		{
			"doctype": "Group Change Request",
			"group": group.name,
			"change_type": "Rename",
			"new_name": "新群名",
			"reason": "班级合并",
		}
	)
	insert(
		{
			"doctype": "Opening Application",
			"application_type": "New Platform",
			"platform_doctype": "Social Media Account",
			"platform_record": make_account(s.units["kj"], administrators=admins).name,
			"reason": "新开账号",
		}
	)
	insert(
		{
			"doctype": "Credential Custody",
			"platform_doctype": "Social Media Account",
			"platform_record": acc.name,
			"custodian": s.u("kj_dean"),
			"sealed_on": today(),
			"sealed_copy_location": "办公室保险柜",
			"last_rotation_on": today(),
		}
	)
	day = first_free(
		(add_days("2190-01-01", i) for i in range(3650)), lambda d: frappe.db.exists("Calendar Exception", d)
	)
	insert({"doctype": "Calendar Exception", "exception_date": day, "note": "测试"}, site_wide=True)

	# review: a campaign of a year far off, with the account's review
	year = first_free(range(2100, 2200), lambda y: frappe.db.exists("Annual Review Campaign", {"year": y}))
	campaign = campaigns.open_campaign(year, run_now=True)
	add(frappe.get_doc("Annual Review Campaign", campaign), site_wide=True)
	add(frappe.get_doc("Annual Review", f"{campaign}-{acc.name}"))
	add(frappe.get_doc("Annual Review Tally", {"campaign": campaign}))

	# documents and notifications
	form = first_free(forms.FORMS, lambda f: frappe.db.exists("Document Template", f))
	insert({"doctype": "Document Template", "form_name": form, "enabled": 0}, site_wide=True)
	robot = insert(
		{
			"doctype": "IM Robot",
			"robot_name": f"测试机器人{x}",
			"channel": "WeCom",
			"enabled": 0,
			"webhook_url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=test",
		},
		site_wide=True,
	)
	insert(
		{"doctype": "IM Delivery", "robot": robot.name, "text": "提醒", "status": "Failed", "attempts": 1},
		site_wide=True,
	)
	insert(
		{
			"doctype": "Reminder Log",
			"log_key": f"hostile-{x}",
			"day": today(),
			"recipient": s.u("admin_kj"),
			"rule": "review_due",
		},
		site_wide=True,
	)

	# monitoring (issue 19): a post, the account's activity row, an export mapping and an import;
	# the single settings get a row in each table (restored after the class)
	insert(
		{
			"doctype": "Published Post",
			"account": acc.name,
			"title": "开学典礼",
			"link": "https://mp.weixin.qq.com/s/hostile",
			"published_at": add_days(now_datetime(), -1),
		}
	)
	if frappe.db.exists("Account Activity", acc.name):
		add(frappe.get_doc("Account Activity", acc.name))
	else:
		insert({"doctype": "Account Activity", "account": acc.name})
	insert(
		{
			"doctype": "Post Import Mapping",
			"mapping_name": f"测试导出{x}",
			"columns": [{"heading": "日期", "field": "Published At"}],
		},
		site_wide=True,
	)
	export = frappe.get_doc(
		{"doctype": "File", "file_name": f"export-{x}.csv", "content": b"a,b\n", "is_private": 1}
	).insert(ignore_permissions=True)
	insert({"doctype": "Post Import", "account": acc.name, "import_file": export.file_url})
	for single, table, row in (
		(
			"Governance Settings",
			"activity_tier_thresholds",
			{"tier": "3", "red_line_days": 30, "warning_days": 21},
		),
		(
			"Monitoring Settings",
			"feed_routes",
			{"platform": "新浪微博", "route_template": "/weibo/user/{id}"},
		),
	):
		doc = frappe.get_single(single)
		if not doc.get(table):
			doc.append(table, row)
			doc.flags.ignore_permissions = True
			doc.save()

	# Single DocTypes are their own record
	for doctype in frappe.get_all(
		"DocType", filters={"issingle": 1, "module": ("in", frappe.get_module_list(APP))}, pluck="name"
	):
		records[doctype] = [doctype]
	return records, cleanup


class TestHostileInput(CommittedRecordsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		s = cls.s
		cls.tokens = {
			role: api_token(make_user(f"hostile-{tag}-{s.suffix}@test.example.com", role))
			for role, tag in (("Propaganda Manager", "xcb"), ("System Manager", "sys"))
		}
		cls.singles = {
			doctype: snapshot_single(doctype)
			for doctype in app_doctypes()
			if frappe.get_meta(doctype).issingle
		}
		cls.records, cls.cleanup = build_records(s)
		frappe.db.commit()

	# ------------------------------------------------------------ coverage
	def test_every_doctype_of_the_app_has_a_record_to_attack(self):
		"""A DocType without a record here means a forgotten factory in build_records."""
		doctypes = app_doctypes()
		self.assertIn("Content Filing", doctypes)
		self.assertEqual([d for d in doctypes if not self.records.get(d)], [])

	def test_every_child_table_has_a_row_to_attack(self):
		missing = [
			f"{doctype}.{table}"
			for doctype in app_doctypes()
			for table, _child in child_tables(doctype)
			if self.records.get(doctype) and not frappe.get_doc(doctype, self.records[doctype][0]).get(table)
		]
		self.assertEqual(missing, [])

	# ------------------------------------------------------------ attacks
	def test_hostile_values_in_every_field_of_every_doctype(self):
		for doctype in app_doctypes():
			if not writable(doctype):
				continue  # kept by the app's code alone: nobody's input reaches it
			fields = data_fields(doctype)
			for name in self.records.get(doctype, []):
				with self.subTest(doctype=doctype, record=name):
					self.assertTrue(fields, f"{doctype} has no data field to attack")
					self.attack(doctype, name, fields)

	def test_hostile_values_in_every_child_row(self):
		for doctype in app_doctypes():
			for table, child in child_tables(doctype):
				for name in self.records.get(doctype, []):
					if not frappe.get_doc(doctype, name).get(table):
						continue  # the main record's rows are asserted above
					with self.subTest(doctype=doctype, record=name, table=table):
						self.attack(doctype, name, data_fields(child), table)

	# ------------------------------------------------------------ helpers
	def attack(self, doctype, name, fields, table=None):
		for data in sweep_values(fields):
			self.check(doctype, name, data, table)
		strategy = st.sampled_from(fields).flatmap(lambda f: st.tuples(st.just(f[0]), hostile_value(f[1])))

		@settings(
			max_examples=MAX_EXAMPLES,
			deadline=None,
			suppress_health_check=list(HealthCheck),
			derandomize=True,
		)
		@given(strategy)
		def prop(data):
			self.check(doctype, name, data, table)

		prop()

	def put(self, doctype, name, payload, role):
		return make_request(
			target=get_test_client().put,
			args=(f"/api/resource/{quote(doctype)}/{quote(name)}",),
			# _lang: Frappe gives API-token requests the system language unless asked
			kwargs={"headers": {"Authorization": self.tokens[role]}, "json": {**payload, "_lang": "zh"}},
		)

	def check(self, doctype, name, data, table=None):
		"""PUT ``value`` into ``fieldname`` of the record (or of its first row of ``table``)."""
		fieldname, value = data
		frappe.db.rollback()
		doc = frappe.get_doc(doctype, name)
		if table:
			rows = json.loads(
				frappe.as_json([row.as_dict(convert_dates_to_str=True) for row in doc.get(table)])
			)
			target_doctype, target_name = rows[0]["doctype"], rows[0]["name"]
			rows[0][fieldname] = value
			payload = {table: rows}
			where = f"{doctype} {name}: {table}[0].{fieldname} = {value!r}"
		else:
			target_doctype, target_name = doctype, name
			payload = {fieldname: value}
			where = f"{doctype} {name}: {fieldname} = {value!r}"
		before = frappe.db.get_value(target_doctype, target_name, fieldname)
		role = writer(doctype)
		response = self.put(doctype, name, payload, role)
		status = response.status_code
		self.assertLess(status, 500, f"{where}: {response.get_data(as_text=True)[:800]}")
		if status >= 400:
			self.assertRegex(" ".join(messages(response)), CJK, f"{where}: no Chinese message ({status})")
		if not may_write(doctype, role):
			self.assertEqual(status, 403, f"{where}: written by a {role} the matrix does not allow to write")
		frappe.db.rollback()
		stored = frappe.db.get_value(target_doctype, target_name, fieldname)
		if doc.docstatus == 1 and not frappe.get_meta(target_doctype).get_field(fieldname).allow_on_submit:
			self.assertEqual(stored, before, f"{where}: a submitted record was changed ({status})")
		if isinstance(stored, str) and stored in PAYLOADS:
			html = frappe.get_print(doctype, name, print_format="Standard", doc=frappe.get_doc(doctype, name))
			if "<" in stored:
				self.assertNotIn(stored, html, where)  # shown escaped (&lt;script&gt;), never as markup
			if "{{" in stored or "{%" in stored:
				self.assertNotIn(">49<", html, where)  # a template in the data is shown, never evaluated
				self.assertNotIn("Guest", html, where)  # the query in the payload never ran
