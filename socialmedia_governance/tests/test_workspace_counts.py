"""Every count a workspace of the app shows works for every role (issue 15).

The shortcut 信息发布申请 once counted with a filter copied from 开设申请, and every login of
every user opened with a server error. Here every workspace of the app, every shortcut's count
filter (stats_filter), every quick list's filter and every number card (derived at run time, so a
new one is covered without editing this test) is checked: each filter names the counted DocType
(or one of its child tables), and each count is computed as each governance role, through the
same endpoints the desk calls."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from socialmedia_governance.policy import access
from socialmedia_governance.tests.factories import make_account, make_group, make_school

APP = "socialmedia_governance"


def app_modules() -> list[str]:
	return frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")


def app_workspaces() -> list[str]:
	return frappe.get_all("Workspace", filters={"module": ("in", app_modules())}, pluck="name")


def desk_method(cmd: str):
	"""The function the desk reaches for ``cmd`` (after the app's override_whitelisted_methods)."""
	for hook in reversed(frappe.get_hooks("override_whitelisted_methods", {}).get(cmd, [])):
		cmd = hook
		break
	return frappe.get_attr(cmd)


def filter_problems(where: str, doctype: str, filters) -> list[str]:
	"""A filter row names the counted DocType or one of its child tables, and a field it has."""
	allowed = {doctype: frappe.get_meta(doctype)}
	for df in frappe.get_meta(doctype).get_table_fields():
		allowed[df.options] = frappe.get_meta(df.options)
	problems = []
	rows = filters.items() if isinstance(filters, dict) else filters
	for row in rows:
		if isinstance(filters, dict):
			named, field = doctype, row[0]
		elif len(row) >= 4:
			named, field = row[0], row[1]
		else:
			named, field = doctype, row[0]
		if named not in allowed:
			problems.append(f"{where}: filter on {named}, but it counts {doctype}")
		elif field not in ("name", "docstatus", "owner", "creation", "modified") and not allowed[
			named
		].has_field(field):
			problems.append(f"{where}: {named} has no field {field}")
	return problems


class TestWorkspaceCounts(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = s = make_school()
		# every governance role held by a person placed in the tree, as in a real school
		make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}])
		make_group(s.units["kj_class"], s.u("owner_kj"))
		cls.people = {}
		for role in access.GOVERNANCE_ROLES:
			cls.people[role] = next(u for u in s.users.values() if role in frappe.get_roles(u))

	def tearDown(self):
		frappe.set_user("Administrator")

	def as_each_role(self, doctype: str, where: str, count) -> list[str]:
		problems = []
		for role, user in self.people.items():
			frappe.set_user(user)
			try:
				if not frappe.has_permission(doctype, "read"):
					continue
				count()
			except Exception as e:
				problems.append(f"{where} as {role}: {type(e).__name__}: {e}")
			finally:
				frappe.set_user("Administrator")
		return problems

	def test_every_role_reaches_a_governance_user(self):
		self.assertEqual(set(self.people), set(access.GOVERNANCE_ROLES))
		self.assertTrue(app_workspaces())

	def test_every_shortcut_count_of_every_workspace_works_for_every_role(self):
		get_count = desk_method("frappe.client.get_count")
		problems, counted = [], 0
		for name in app_workspaces():
			workspace = frappe.get_doc("Workspace", name)
			for shortcut in workspace.shortcuts:
				if shortcut.type != "DocType" or not shortcut.stats_filter:
					continue
				where = f"{name} / shortcut {shortcut.label}"
				try:
					filters = json.loads(shortcut.stats_filter)
				except ValueError:
					problems.append(f"{where}: the count filter is not JSON")
					continue
				counted += 1
				problems += filter_problems(where, shortcut.link_to, filters)
				problems += self.as_each_role(
					shortcut.link_to,
					where,
					lambda s=shortcut, f=filters: get_count(doctype=s.link_to, filters=json.dumps(f)),
				)
			for quick_list in workspace.quick_lists:
				if not quick_list.quick_list_filter:
					continue
				where = f"{name} / quick list {quick_list.label}"
				filters = json.loads(quick_list.quick_list_filter)
				counted += 1
				problems += filter_problems(where, quick_list.document_type, filters)
				problems += self.as_each_role(
					quick_list.document_type,
					where,
					lambda q=quick_list, f=filters: frappe.get_list(q.document_type, filters=f, limit=4),
				)
		self.assertGreater(counted, 0)
		self.assertEqual(problems, [])

	def test_every_number_card_works_for_every_role(self):
		get_result = desk_method("frappe.desk.doctype.number_card.number_card.get_result")
		cards = set(frappe.get_all("Number Card", filters={"module": ("in", app_modules())}, pluck="name"))
		for name in app_workspaces():
			cards |= {c.number_card_name for c in frappe.get_doc("Workspace", name).number_cards}
		problems = []
		self.assertTrue(cards)
		for card_name in sorted(cards):
			card = frappe.get_doc("Number Card", card_name)
			if card.type != "Document Type":
				continue
			where = f"number card {card_name}"
			filters = json.loads(card.filters_json or "[]")
			problems += filter_problems(where, card.document_type, filters)
			problems += self.as_each_role(
				card.document_type,
				where,
				lambda c=card, f=filters: get_result(c.as_json(), json.dumps(f)),
			)
		self.assertEqual(problems, [])

	def test_every_workspace_opens_for_every_role(self):
		get_page = desk_method("frappe.desk.desktop.get_desktop_page")
		get_sidebar = desk_method("frappe.desk.desktop.get_workspace_sidebar_items")
		problems, opened = [], 0
		for name in app_workspaces():
			for role, user in self.people.items():
				frappe.set_user(user)
				try:
					# the desk offers a workspace only to the roles it is meant for
					if name not in {p.name for p in get_sidebar()["pages"]}:
						continue
					opened += 1
					page = get_page(json.dumps({"name": name, "title": name}))
					if not page:
						problems.append(f"{name} as {role}: empty page")
				except Exception as e:
					problems.append(f"{name} as {role}: {type(e).__name__}: {e}")
				finally:
					frappe.set_user("Administrator")
		self.assertGreater(opened, 0)
		self.assertEqual(problems, [])
