# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Permission matrix (issue 9): every role × every DocType of the app × read / write / create /
submit / cancel / delete, compared with the declared matrix in permission_matrix.json — through
Frappe's permission engine for each user, and through the REST API (/api/resource list reads and
creates) as that user. Plus row-level isolation: for every unit-owned DocType, the users of one
college see nothing of another college, in lists and by name over REST."""

import json
from pathlib import Path
from urllib.parse import quote

import frappe
from frappe.permissions import get_role_permissions
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client

from socialmedia_governance.permissions import OWNED_DOCTYPES
from socialmedia_governance.policy import access
from socialmedia_governance.tests.factories import api_token, make_school, make_user

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


class TestPermissionMatrix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		suffix = frappe.generate_hash(length=6)
		cls.users = {
			role: make_user(f"matrix-{role.lower().replace(' ', '-')}-{suffix}@test.example.com", role)
			for role in ROLES
		}
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
		cls.tokens = {
			key: api_token(s.u(key))
			for key in ("kj_dean", "fdy_kj", "xsh_teacher", "xx_dean", "fdy_xx", "tw_head")
		}
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
		pairs = {
			"kj_dean": ("kj", "xx"),
			"fdy_kj": (None, "xx"),
			"xx_dean": ("xx", "kj"),
			"fdy_xx": (None, "kj"),
		}
		problems = []
		for user_key, (own, other) in pairs.items():
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
