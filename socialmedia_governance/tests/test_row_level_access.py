"""Row-level access by tier for every role, through frappe.get_list and the REST API (H3, S15)."""

import json
from urllib.parse import quote, urlencode

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client

from socialmedia_governance.policy import access
from socialmedia_governance.registry.supervision import fill_missing_scopes, refresh_scopes, scope_registers
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import make_account, make_group

ACCOUNT = "Social Media Account"
GROUP = "Social Media Group"


class TestRowLevelAccess(SchoolTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		s = cls.s
		cls.acc = {}
		for key in (
			"school",
			"xcb",
			"kj",
			"kj_xgb",
			"kj_class",
			"kj_xsh",
			"club",
			"xx",
			"xx_class",
			"work_group",
		):
			admins = [{"user": s.u("admin_kj")}] if key == "kj" else []
			cls.acc[key] = make_account(s.units[key], f"{key}-{s.suffix}", administrators=admins).name
		cls.grp = {
			"kj_class": make_group(s.units["kj_class"], s.u("owner_kj")).name,
			"xx_class": make_group(s.units["xx_class"], s.u("fdy_xx")).name,
			"club": make_group(s.units["club"], s.u("club_teacher")).name,
		}
		cls.keys = {}
		for key in s.users:
			user = frappe.get_doc("User", s.u(key))
			user.api_key = frappe.generate_hash(length=15)
			secret = frappe.generate_hash(length=15)
			user.api_secret = secret
			user.flags.ignore_permissions = True
			user.save()
			cls.keys[key] = f"token {user.api_key}:{secret}"
		frappe.db.commit()  # REST requests run on their own connection
		cls.client = get_test_client()

	# expected visibility: user key -> account owner keys (None = everything)
	EXPECTED_ACCOUNTS = {
		"xcb_head": None,
		"auditor": None,
		"tw_head": {"club", "kj_xsh"},
		"kj_dean": {"kj", "kj_xgb", "kj_class", "kj_xsh"},
		"kj_sec": {"kj", "kj_xgb", "kj_class", "kj_xsh"},
		"kj_xgb": {"kj_xgb"},
		"xgc_head": {"work_group"},
		"fdy_kj": {"kj_class"},
		"club_teacher": {"club"},
		"xsh_teacher": {"kj_xsh"},
		"admin_kj": {"kj"},
	}
	EXPECTED_GROUPS = {
		"xcb_head": None,
		"kj_dean": {"kj_class"},
		"fdy_kj": {"kj_class"},
		"fdy_xx": {"xx_class"},
		"owner_kj": {"kj_class"},
		"club_teacher": {"club"},
		"tw_head": {"club"},
		"admin_kj": set(),
	}

	def visible(self, doctype, user_key):
		frappe.set_user(self.s.u(user_key))
		try:
			return set(frappe.get_list(doctype, pluck="name", limit_page_length=0))
		finally:
			frappe.set_user("Administrator")

	def rest_visible(self, doctype, user_key):
		query = urlencode({"fields": json.dumps(["name"]), "limit_page_length": 0})
		response = make_request(
			target=self.client.get,
			args=(f"/api/resource/{quote(doctype)}?{query}",),
			kwargs={"headers": {"Authorization": self.keys[user_key]}},
		)
		if response.status_code == 403:
			return None
		self.assertEqual(response.status_code, 200, response.get_data(as_text=True)[:500])
		return {row["name"] for row in response.json["data"]}

	def expected(self, table, keys):
		return {table[k] for k in keys if k in table}

	def test_h3_s15_accounts_visible_per_role_via_get_list_and_rest(self):
		mine = set(self.acc.values())
		for user_key, keys in self.EXPECTED_ACCOUNTS.items():
			want = mine if keys is None else self.expected(self.acc, keys)
			with self.subTest(user=user_key):
				self.assertEqual(self.visible(ACCOUNT, user_key) & mine, want)
				self.assertEqual(self.rest_visible(ACCOUNT, user_key) & mine, want)

	def test_h3_groups_visible_per_role_via_get_list_and_rest(self):
		mine = set(self.grp.values())
		for user_key, keys in self.EXPECTED_GROUPS.items():
			want = mine if keys is None else self.expected(self.grp, keys)
			with self.subTest(user=user_key):
				self.assertEqual(self.visible(GROUP, user_key) & mine, want)
				self.assertEqual(self.rest_visible(GROUP, user_key) & mine, want)

	def test_counts_through_rest_obey_row_level_access(self):
		for user_key in ("fdy_kj", "kj_dean"):
			response = make_request(
				target=self.client.get,
				args=(f"/api/method/frappe.client.get_count?doctype={quote(ACCOUNT)}",),
				kwargs={"headers": {"Authorization": self.keys[user_key]}},
			)
			self.assertEqual(response.status_code, 200)
			frappe.set_user(self.s.u(user_key))
			visible = len(frappe.get_list(ACCOUNT, limit_page_length=0))
			frappe.set_user("Administrator")
			self.assertEqual(response.json["message"], visible, user_key)
			self.assertLess(response.json["message"], frappe.db.count(ACCOUNT))

	def test_no_governance_role_sees_nothing(self):
		self.assertIsNone(self.rest_visible(ACCOUNT, "outsider"))
		frappe.set_user(self.s.u("outsider"))
		self.assertRaises(frappe.PermissionError, frappe.get_list, ACCOUNT)

	def test_opening_another_units_record_is_refused(self):
		frappe.set_user(self.s.u("fdy_kj"))
		self.assertTrue(frappe.has_permission(ACCOUNT, "read", doc=self.acc["kj_class"]))
		self.assertFalse(frappe.has_permission(ACCOUNT, "read", doc=self.acc["xx_class"]))
		self.assertRaises(
			frappe.PermissionError, frappe.get_doc(ACCOUNT, self.acc["xx_class"]).check_permission, "read"
		)
		response = make_request(
			target=self.client.get,
			args=(f"/api/resource/{quote(ACCOUNT)}/{self.acc['xx_class']}",),
			kwargs={"headers": {"Authorization": self.keys["fdy_kj"]}},
		)
		self.assertEqual(response.status_code, 403)

	def test_a_counsellor_cannot_move_a_record_out_of_or_into_another_unit(self):
		frappe.set_user(self.s.u("fdy_kj"))
		doc = frappe.get_doc(ACCOUNT, self.acc["kj_class"])
		doc.owner_unit = self.s.units["xx_class"]
		self.assertRaises(frappe.PermissionError, doc.save)
		frappe.set_user(self.s.u("fdy_xx"))
		other = frappe.get_doc(
			{
				"doctype": ACCOUNT,
				"account_name": "越权",
				"platform": "微信公众号",
				"owner_unit": self.s.units["kj_class"],
			}
		)
		self.assertRaises(frappe.PermissionError, other.insert)

	def test_auditor_reads_everything_but_writes_nothing(self):
		frappe.set_user(self.s.u("auditor"))
		doc = frappe.get_doc(ACCOUNT, self.acc["kj"])
		self.assertTrue(doc.has_permission("read"))
		self.assertFalse(doc.has_permission("write"))
		response = make_request(
			target=self.client.put,
			args=(f"/api/resource/{quote(ACCOUNT)}/{self.acc['kj']}",),
			kwargs={"headers": {"Authorization": self.keys["auditor"]}, "json": {"purpose": "审计改写"}},
		)
		self.assertEqual(response.status_code, 403)

	def test_rest_cannot_skip_the_process_by_writing_status(self):
		response = make_request(
			target=self.client.put,
			args=(f"/api/resource/{quote(ACCOUNT)}/{self.acc['kj_class']}",),
			kwargs={"headers": {"Authorization": self.keys["fdy_kj"]}, "json": {"status": "Active"}},
		)
		self.assertEqual(response.status_code, 417, response.get_data(as_text=True)[:300])
		self.assertEqual(frappe.db.get_value(ACCOUNT, self.acc["kj_class"], "status"), "Draft")

	def test_rows_written_without_hooks_get_their_scope_columns_and_stale_ones_hide_only(self):
		"""The unit head and the Youth League read the registers through the scope columns (issue
		17): every register that has them (found from the metadata) writes them with a bare
		db_insert too, rows written by SQL get them hourly, and a wrong column hides a row from
		everyone who reads by it but never shows it to another unit."""
		s = self.s
		registers = scope_registers()
		self.assertEqual(set(registers), {ACCOUNT, GROUP, "Account Activity", "Release Task"})
		for register in registers:
			with self.subTest(register=register):
				doc = frappe.new_doc(register)
				doc.name = f"BARE-{frappe.scrub(register)}-{s.suffix}"
				doc.owner_unit = s.units["kj_xsh"]  # the student union of 会计学院
				doc.db_insert()  # no save hooks, as an import or a test writes rows
				self.assertEqual(
					frappe.db.get_value(register, doc.name, list(access.SCOPE_FIELDS), as_dict=True),
					{access.SCOPE_TIER2: s.units["kj"], access.SCOPE_STUDENT: 1},
				)
				self.assertIn(doc.name, self.visible(register, "kj_dean"))
				self.assertIn(doc.name, self.visible(register, "tw_head"))

				# written by SQL without the columns: hidden until the hourly fill
				frappe.db.set_value(
					register,
					doc.name,
					{access.SCOPE_TIER2: None, access.SCOPE_STUDENT: 0},
					update_modified=False,
				)
				self.assertNotIn(doc.name, self.visible(register, "kj_dean"))
				self.assertNotIn(doc.name, self.visible(register, "tw_head"))
				self.assertGreaterEqual(fill_missing_scopes(), 1)
				self.assertIn(doc.name, self.visible(register, "kj_dean"))
				self.assertIn(doc.name, self.visible(register, "tw_head"))

				# a column pointing at another college: the other college's head still cannot see
				# it (the exact subtree rule is checked as well), its own head cannot until the
				# daily check puts it right
				frappe.db.set_value(
					register, doc.name, access.SCOPE_TIER2, s.units["xx"], update_modified=False
				)
				self.assertNotIn(doc.name, self.visible(register, "xx_dean"))
				self.assertNotIn(doc.name, self.visible(register, "kj_dean"))
				refresh_scopes()
				self.assertEqual(frappe.db.get_value(register, doc.name, access.SCOPE_TIER2), s.units["kj"])
				self.assertIn(doc.name, self.visible(register, "kj_dean"))

				# a bare db_update after the owner unit moved writes the new columns with it
				doc.owner_unit = s.units["xx_class"]
				doc.db_update()
				self.assertEqual(
					frappe.db.get_value(register, doc.name, list(access.SCOPE_FIELDS), as_dict=True),
					{access.SCOPE_TIER2: s.units["xx"], access.SCOPE_STUDENT: 0},
				)
				self.assertIn(doc.name, self.visible(register, "xx_dean"))
				self.assertNotIn(doc.name, self.visible(register, "kj_dean"))
