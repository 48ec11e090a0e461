# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Permission matrix (issue 9): every role × every DocType of the app × read / write / create /
submit / cancel / delete, compared with the declared matrix in permission_matrix.json — through
Frappe's permission engine for each user, and through the REST API as that user: list reads and
creates (/api/resource), and writes, submits, cancels and deletes of a record that lies inside
the user's own part of the tree (/api/resource PUT and DELETE, /api/method/frappe.client.submit
and .cancel), so that only the role decides. Plus row-level isolation: for every unit-owned
DocType, the users of one college see nothing of another college — in lists, by name over REST,
and through every read endpoint of the desk (counts, list views, group-by counts, link search,
form load, get_value)."""

import json
from pathlib import Path
from urllib.parse import quote

import frappe
from frappe.permissions import get_role_permissions
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client

from socialmedia_governance.permissions import OWNED_DOCTYPES, PLATFORM_RECORD_DOCTYPES
from socialmedia_governance.policy import access
from socialmedia_governance.tests.factories import (
	api_token,
	make_account,
	make_group,
	make_school,
	make_unit,
	make_user,
)

MATRIX = json.loads((Path(__file__).parent / "permission_matrix.json").read_text(encoding="utf-8"))
MATRIX.pop("_comment")
OPS = {"r": "read", "w": "write", "c": "create", "s": "submit", "x": "cancel", "d": "delete"}
ROLES = (*access.GOVERNANCE_ROLES, "System Manager")
APP = "socialmedia_governance"


def app_doctypes() -> list[str]:
	modules = frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")
	return frappe.get_all(
		"DocType", filters={"module": ("in", modules), "istable": 0}, pluck="name", order_by="name"
	)


def matrix_users(tag: str) -> dict[str, str]:
	suffix = frappe.generate_hash(length=6)
	return {
		role: make_user(f"{tag}-{role.lower().replace(' ', '-')}-{suffix}@test.example.com", role)
		for role in ROLES
	}


class TestPermissionMatrix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = matrix_users("matrix")
		cls.tokens = {role: api_token(user) for role, user in cls.users.items()}
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_every_doctype_of_the_app_is_declared(self):
		self.assertEqual(sorted(app_doctypes()), sorted(MATRIX))

	def test_each_role_has_exactly_the_declared_permissions(self):
		problems = []
		for doctype in app_doctypes():
			meta = frappe.get_meta(doctype)
			for role in ROLES:
				expected = {OPS[c] for c in MATRIX.get(doctype, {}).get(role, "")}
				if not meta.is_submittable:
					expected -= {"submit", "cancel"}
				granted = get_role_permissions(meta, user=self.users[role])
				actual = {op for op in OPS.values() if granted.get(op)}
				if actual != expected:
					problems.append(
						f"{doctype} / {role}: declared {sorted(expected)}, site gives {sorted(actual)}"
					)
		self.assertEqual(problems, [])

	def test_rest_reads_and_creates_follow_the_matrix(self):
		client = get_test_client()
		problems = []
		for doctype in app_doctypes():
			meta = frappe.get_meta(doctype)
			for role in ROLES:
				letters = MATRIX[doctype].get(role, "")
				headers = {"Authorization": self.tokens[role]}
				path = f"/api/resource/{quote(doctype)}" + (f"/{quote(doctype)}" if meta.issingle else "")
				response = make_request(target=client.get, args=(path,), kwargs={"headers": headers})
				if (response.status_code == 200) != ("r" in letters):
					problems.append(f"GET {doctype} as {role}: {response.status_code}")
				if meta.issingle:
					continue
				response = make_request(
					target=client.post,
					args=(f"/api/resource/{quote(doctype)}",),
					kwargs={"headers": headers, "json": {}},
				)
				if response.status_code == 200:  # a DocType without mandatory fields: remove what was made
					frappe.delete_doc(
						doctype, response.json["data"]["name"], force=True, ignore_permissions=True
					)
					frappe.db.commit()
				if (response.status_code != 403) != ("c" in letters):
					problems.append(f"POST {doctype} as {role}: {response.status_code}")
		self.assertEqual(problems, [])


class TestRestOperations(FrappeTestCase):
	"""Write, submit, cancel and delete through REST, as each role, on a record in the user's scope.

	Every matrix user governs one unit in the way of its role (head, counsellor, advisor, a club
	for the Youth League); the Account Administrator user administers the unit's account and group,
	the Group Owner user owns the group. So the row-level rules let each user at the record and
	only the role's permissions decide. A refused operation must answer 403; a permitted one must
	get past the permission check (200, or a 417 validation error about the bare record). The one
	user the rules keep away from a record by design is a group owner from records about accounts:
	there only the refusals are checked. (Listing every user as an administrator would not do:
	an account's administrators are given the Account Administrator role.)"""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = users = matrix_users("rest")
		cls.tokens = {role: api_token(user) for role, user in users.items()}
		school = make_school()
		cls.unit = make_unit(
			f"矩阵协会{school.suffix}", "Club", school.units["tw"], advisor=users["Club Advisor"]
		)
		# one unit governed by every tier at once (the form would not allow it; the rules only read it)
		frappe.db.set_value(
			"Organization Unit", cls.unit, {"head": users["Unit Head"], "counsellor": users["Counsellor"]}
		)
		admins = [{"user": users["Account Administrator"]}]
		cls.account = make_account(cls.unit, administrators=admins).name
		cls.group = make_group(cls.unit, users["Group Owner"], administrators=admins).name
		cls.made = []
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		for doctype, name in cls.made:
			frappe.db.delete(doctype, {"name": name})
		frappe.db.commit()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	def fresh(self, doctype: str, role: str, docstatus: int = 0) -> str:
		"""A bare row of ``doctype`` inside the scope of ``role``'s user (re-made for every probe)."""
		name = f"REST-{frappe.scrub(doctype)}"[:140]
		frappe.db.delete(doctype, {"name": name})
		doc = frappe.new_doc(doctype)
		doc.name = name
		if field := OWNED_DOCTYPES.get(doctype):
			doc.set(field, self.unit)
		if ref := PLATFORM_RECORD_DOCTYPES.get(doctype):
			about_groups = ref == "group" or (
				role == "Group Owner" and doc.meta.has_field("platform_doctype")
			)
			register = "Social Media Group" if about_groups else "Social Media Account"
			if doc.meta.has_field("platform_doctype"):
				doc.platform_doctype = register
			doc.set(ref, self.group if register == "Social Media Group" else self.account)
		if doctype == "Social Media Group":
			doc.group_owner = self.users["Group Owner"]
		if doctype in ("Social Media Account", "Social Media Group"):
			doc.append("administrators", {"user": self.users["Account Administrator"]})
		doc.docstatus = docstatus
		doc.db_insert()
		for child in doc.get_all_children():
			child.db_insert()
		frappe.db.commit()
		if (doctype, name) not in self.made:
			self.made.append((doctype, name))
		return name

	def request(self, role, method, path, payload=None):
		client = get_test_client()
		kwargs = {"headers": {"Authorization": self.tokens[role]}}
		if payload is not None:
			kwargs["json"] = payload
		response = make_request(target=getattr(client, method), args=(path,), kwargs=kwargs)
		frappe.db.rollback()
		return response

	def test_rest_writes_submits_cancels_and_deletes_follow_the_matrix(self):
		problems = []
		probes = 0
		out_of_reach = set()

		def compare(doctype, role, op, response, reachable=True):
			nonlocal probes
			probes += 1
			allowed = op in MATRIX[doctype].get(role, "")
			code = response.status_code
			if allowed and not reachable:
				out_of_reach.add((doctype, role))  # the row rules keep this user away: refusals only
				allowed = False
			if code >= 500 or (code == 403) == allowed:
				message = response.get_data(as_text=True)[:160].replace("\n", " ")
				problems.append(
					f"{op} {doctype} as {role}: {code} (declared {'yes' if allowed else 'no'}) {message}"
				)

		for doctype in app_doctypes():
			meta = frappe.get_meta(doctype)
			resource = f"/api/resource/{quote(doctype)}"
			for role in ROLES:
				if meta.issingle:
					compare(doctype, role, "w", self.request(role, "put", f"{resource}/{quote(doctype)}", {}))
					continue
				name = self.fresh(doctype, role)
				reachable = frappe.has_permission(doctype, "read", name, user=self.users[role])
				put = self.request(role, "put", f"{resource}/{quote(name)}", {})
				compare(doctype, role, "w", put, reachable)
				if meta.is_submittable:
					name = self.fresh(doctype, role)
					doc = frappe.get_doc(doctype, name).as_dict(convert_dates_to_str=True)
					submit = self.request(role, "post", "/api/method/frappe.client.submit", {"doc": doc})
					compare(doctype, role, "s", submit, reachable)
					name = self.fresh(doctype, role, docstatus=1)
					payload = {"doctype": doctype, "name": name}
					cancel = self.request(role, "post", "/api/method/frappe.client.cancel", payload)
					compare(doctype, role, "x", cancel, reachable)
				name = self.fresh(doctype, role)
				delete = self.request(role, "delete", f"{resource}/{quote(name)}")
				compare(doctype, role, "d", delete, reachable)
		self.assertGreater(probes, 500)
		self.assertEqual(problems, [])
		account_records = {
			doctype
			for doctype, ref in PLATFORM_RECORD_DOCTYPES.items()
			if ref != "group" and not frappe.get_meta(doctype).has_field("platform_doctype")
		}
		self.assertLessEqual(out_of_reach, {(doctype, "Group Owner") for doctype in account_records})


# user of make_school -> (the college whose rows they must see, or None; the college they must not)
ISOLATED = {
	"kj_dean": ("kj", "xx"),  # Unit Head
	"fdy_kj": (None, "xx"),  # Counsellor of a class of 会计学院
	"xx_dean": ("xx", "kj"),
	"fdy_xx": (None, "kj"),
	"xsh_teacher": (None, "xx"),  # Club Advisor of 会计学院's student union
	"club_teacher": (None, "kj"),  # Club Advisor of a club under the Youth League
	"tw_head": (None, "kj"),  # Youth League Manager: student organisations and clubs only
	"admin_kj": (None, "xx"),  # Account Administrator
	"owner_kj": (None, "xx"),  # Group Owner
}


class TestRowLevelIsolation(FrappeTestCase):
	"""Unit A's users see nothing of unit B, for every role and every unit-owned DocType."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = s = make_school()
		cls.rows = {}
		for doctype, field in OWNED_DOCTYPES.items():
			rows = {}
			for key in ("kj", "xx"):
				doc = frappe.new_doc(doctype)
				doc.name = f"ISO-{key}-{s.suffix}-{frappe.scrub(doctype)}"[:140]
				doc.set(field, s.units[key])
				doc.db_insert()  # a bare row: visibility depends on the owner unit only
				rows[key] = doc.name
			cls.rows[doctype] = rows
		# every tier-scoped role: the roles an account's administrator and a group's owner are given
		make_user(s.u("admin_kj"), "Account Administrator")
		make_user(s.u("owner_kj"), "Group Owner")
		cls.tokens = {key: api_token(s.u(key)) for key in ISOLATED}
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		for doctype, rows in cls.rows.items():
			frappe.db.delete(doctype, {"name": ("in", list(rows.values()))})
		frappe.db.commit()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_units_see_only_their_own_subtree_in_lists_and_over_rest(self):
		s = self.s
		client = get_test_client()
		# head and counsellor of 会计学院 vs head and counsellor of 信息学院
		problems = []
		for user_key, (own, other) in ISOLATED.items():
			frappe.set_user(s.u(user_key))
			for doctype, rows in self.rows.items():
				if not frappe.has_permission(doctype, "read"):
					continue  # no read permission at all for this role: isolation holds trivially
				visible = set(
					frappe.get_list(doctype, filters={"name": ("in", list(rows.values()))}, pluck="name")
				)
				if rows[other] in visible:
					problems.append(f"{user_key} sees {doctype} of {other}")
				if own and rows[own] not in visible:
					problems.append(f"{user_key} does not see {doctype} of its own unit")
				response = make_request(
					target=client.get,
					args=(f"/api/resource/{quote(doctype)}/{quote(rows[other])}",),
					kwargs={"headers": {"Authorization": self.tokens[user_key]}},
				)
				if response.status_code == 200:
					problems.append(f"{user_key} reads {doctype} {rows[other]} over REST")
			frappe.set_user("Administrator")
		self.assertEqual(problems, [])

	def test_no_read_endpoint_of_the_desk_leaks_another_units_rows(self):
		"""Counts, list views, sidebar and group-by counts, link search, form load and get_value,
		as a unit head and a counsellor of one college, about a row of the other college: each
		must answer with nothing (or refuse), including the "assigned to" group-by count, which
		Frappe v15 computes without the DocType's row rules."""
		s = self.s
		client = get_test_client()
		problems = []
		for user_key, (_own, other) in ISOLATED.items():
			frappe.set_user(s.u(user_key))
			readable = [d for d in self.rows if frappe.has_permission(d, "read")]
			frappe.set_user("Administrator")
			self.assertTrue(readable, user_key)
			for doctype in readable:
				name = self.rows[doctype][other]
				todo = frappe.get_doc(
					{
						"doctype": "ToDo",
						"allocated_to": s.u("auditor"),
						"reference_type": doctype,
						"reference_name": name,
						"description": "isolation probe",
					}
				).insert(ignore_permissions=True)
				frappe.db.commit()
				only = json.dumps({"name": name})
				calls = {
					"frappe.client.get_count": {"doctype": doctype, "filters": only},
					"frappe.desk.reportview.get_count": {"doctype": doctype, "filters": only},
					"frappe.desk.reportview.get": {"doctype": doctype, "fields": '["name"]', "filters": only},
					"frappe.client.get_list": {"doctype": doctype, "filters": only},
					"frappe.desk.reportview.get_sidebar_stats": {
						"stats": '["owner"]',
						"doctype": doctype,
						"filters": json.dumps([[doctype, "name", "=", name]]),
					},
					"frappe.desk.listview.get_group_by_count": {
						"doctype": doctype,
						"current_filters": only,
						"field": "owner",
					},
					"frappe.desk.listview.get_group_by_count assigned": {
						"doctype": doctype,
						"current_filters": only,
						"field": "assigned_to",
					},
					"frappe.desk.search.search_link": {"doctype": doctype, "txt": name},
					"frappe.client.get_value": {"doctype": doctype, "fieldname": "name", "filters": only},
					"frappe.desk.form.load.getdoc": {"doctype": doctype, "name": name},
				}
				for label, payload in calls.items():
					method = label.split()[0]
					response = make_request(
						target=client.post,
						args=(f"/api/method/{method}",),
						kwargs={"headers": {"Authorization": self.tokens[user_key]}, "json": payload},
					)
					frappe.db.rollback()
					if response.status_code in (403, 404):
						continue  # refused
					body = response.get_data(as_text=True)
					if response.status_code != 200 or name in body or leaked(response.json.get("message")):
						problems.append(
							f"{label} {doctype} as {user_key}: {response.status_code} {body[:200]}"
						)
				frappe.delete_doc("ToDo", todo.name, force=True, ignore_permissions=True)
				frappe.db.commit()
		self.assertEqual(problems, [])

	def test_assigned_to_counts_still_count_the_users_own_rows(self):
		s = self.s
		doctype = "Change Report"
		own, other = self.rows[doctype]["kj"], self.rows[doctype]["xx"]
		todos = [
			frappe.get_doc(
				{
					"doctype": "ToDo",
					"allocated_to": s.u("auditor"),
					"reference_type": doctype,
					"reference_name": name,
					"description": "count probe",
				}
			).insert(ignore_permissions=True)
			for name in (own, other)
		]
		frappe.db.commit()
		try:
			response = make_request(
				target=get_test_client().post,
				args=("/api/method/frappe.desk.listview.get_group_by_count",),
				kwargs={
					"headers": {"Authorization": self.tokens["kj_dean"]},
					"json": {
						"doctype": doctype,
						"current_filters": json.dumps({"name": ("in", [own, other])}),
						"field": "assigned_to",
					},
				},
			)
			self.assertEqual(response.json["message"], [{"name": s.u("auditor"), "count": 1}])
		finally:
			for todo in todos:
				frappe.delete_doc("ToDo", todo.name, force=True, ignore_permissions=True)
			frappe.db.commit()

	def test_created_by_counts_are_frappes_with_the_readers_own_first(self):
		"""The sidebar's "created by" (the app's one-aggregate version): the same counts as Frappe
		v15's, under the same row rules, the reader's own first even when another has more."""
		from frappe.desk.listview import get_group_by_count as frappe_counts

		from socialmedia_governance.permissions import get_group_by_count

		s = self.s
		doctype = "Social Media Account"
		owners = {"kj": [s.u("auditor"), s.u("auditor"), s.u("kj_dean")], "xx": [s.u("auditor")] * 3}
		names = []
		for college, users in owners.items():
			for owner in users:
				name = make_account(s.units[college]).name
				frappe.db.set_value(doctype, name, "owner", owner, update_modified=False)
				names.append(name)
		try:
			frappe.set_user(s.u("kj_dean"))
			filters = json.dumps({"name": ("in", names)})
			ours = [dict(row) for row in get_group_by_count(doctype, filters, "owner")]
			self.assertEqual(
				ours, [{"count": 1, "name": s.u("kj_dean")}, {"count": 2, "name": s.u("auditor")}]
			)
			self.assertEqual(ours, [dict(row) for row in frappe_counts(doctype, filters, "owner")])
		finally:
			frappe.set_user("Administrator")
			frappe.db.rollback()


def leaked(message) -> bool:
	"""Whether an endpoint's answer carries anything: a non-zero count, a row, a stat."""
	if isinstance(message, int | float):
		return message != 0
	if isinstance(message, dict):
		return any(leaked(value) for value in message.values())
	if isinstance(message, list):
		return any(message)
	return bool(message)
