"""The browser stage's fixture (tests/browser/desk.cjs, run by scripts/test on the demo site).

``fixture()`` works on a site with the demo university (setup/demo.py): it logs the demo's users
in as the desk's roles, picks demo records for the everyday work (a filed account to edit, a class
group, …) and adds, with a fresh suffix each run, the few records a journey needs waiting for it
(an application at the unit head's step, one at the Propaganda Department's, a change report
waiting for its password rotation, a rename the supervisor has to consent to). It also derives the
desk sweep at run time: for every demo user, the app's DocTypes that user may read (with one record
each), the app's reports and print formats the user may open, and the workspaces with the targets
of their shortcuts and links. A DocType, report, print format or shortcut added to the app is swept
without editing the test.
"""

from __future__ import annotations

import frappe
from frappe.model.workflow import apply_workflow

from socialmedia_governance.setup.records import as_user

APP = "socialmedia_governance"
# A name that runs a script wherever the desk would insert it as markup instead of text.
XSS = '<img src=x onerror="window.__smg_xss=1">\'"><script>window.__smg_xss=2</script>'

# demo logins (setup/demo.py ROLE_LOGINS) under the keys the browser test uses
USERS = {
	"xcb": "xcb",
	"tw": "tw",
	"dean": "kj.dean",
	"fdy": "kj.fdy",
	"advisor": "sy.advisor",
	"media": "kj.media",
	"qunzhu": "kj.qunzhu",
	"audit": "audit",
}


class NoDemo(Exception):
	pass


def _unit(unit_name: str) -> str:
	name = frappe.db.get_value("Organization Unit", {"unit_name": unit_name}, "name")
	if not name:
		raise NoDemo(f"the demo unit {unit_name} is missing")
	return name


def _filed(doctype: str, filters: dict, exclude=()) -> str:
	"""A filed, running demo record (the kind issue 15 found nobody could edit)."""
	names = frappe.get_all(
		doctype,
		filters={
			**filters,
			"status": "Active",
			"filing_number": ("is", "set"),
			"filed_on": ("is", "set"),
		},
		pluck="name",
		order_by="name",
	)
	names = [n for n in names if n not in exclude]
	if not names:
		raise NoDemo(f"no filed {doctype} for {filters}")
	return names[0]


def fixture() -> dict:
	from socialmedia_governance.setup import demo
	from socialmedia_governance.setup.records import make_account, make_active, make_group

	if not frappe.db.exists("Organization Unit", {"unit_name": demo.SCHOOL, "unit_type": "School"}):
		raise NoDemo(
			"the browser stage walks the demo university: load it first "
			"(bench --site SITE execute socialmedia_governance.setup.demo.load_demo_data)"
		)
	users = {key: f"{login}@{demo.DOMAIN}" for key, login in USERS.items()}
	for user in users.values():
		if not frappe.db.exists("User", user):
			raise NoDemo(f"the demo user {user} is missing")
	suffix = frappe.generate_hash(length=5)
	kj, kj_class, other_college = _unit("会计学院"), _unit("会计2024级1班"), _unit("信息技术学院")
	media_accounts = frappe.get_all(
		"Social Media Administrator",
		filters={"user": users["media"], "parenttype": "Social Media Account"},
		pluck="parent",
	)

	# demo records for the everyday work (picked before anything is made: a site without them
	# fails here and keeps nothing)
	class_account = _filed("Social Media Account", {"owner_unit": kj_class})
	other_account = _filed("Social Media Account", {"owner_unit": other_college})
	media_edit = _filed("Social Media Account", {"name": ("in", media_accounts)})
	rotation_account = _filed("Social Media Account", {"name": ("in", media_accounts)}, exclude=(media_edit,))
	dean_edit = _filed(
		"Social Media Account", {"tier2_unit": kj}, exclude=(media_edit, rotation_account, class_account)
	)

	def draft_account(label: str):
		return make_account(
			kj,
			account_name=f"会计学院{label}{suffix}",
			platform="新浪微博",
			purpose="发布学院工作动态",
			administrators=[
				{"user": users["media"], "admin_role": "Chief Administrator", "phone": "13800000000"}
			],
		)

	def application(account):
		return as_user(
			users["media"],
			lambda: frappe.get_doc(
				{
					"doctype": "Opening Application",
					"platform_doctype": "Social Media Account",
					"platform_record": account.name,
					"reason": "发布学院工作动态和通知",
				}
			).insert(),
		)

	# Frappe makes the bell's notifications in a background job; here they are made at once
	# (its own code, run inline as in its tests), so that they wait for the user whether or not
	# a worker runs beside the test server.
	frappe.flags.in_test = True
	try:
		# an application waiting for the unit head (he approves it from his notification)
		for_head = application(draft_account("新媒体中心"))
		as_user(users["media"], apply_workflow, for_head.as_dict(), "Submit for Approval")
		# an application waiting for the Propaganda Department (approved by the unit head)
		for_xcb_account = draft_account("视频号")
		for_xcb = application(for_xcb_account)
		as_user(users["media"], apply_workflow, for_xcb.as_dict(), "Submit for Approval")
		for_xcb.reload()
		approver = for_xcb.current_approvers.split("\n")[0]
		as_user(approver, apply_workflow, for_xcb.as_dict(), "Approve")

		# a personnel change the Propaganda Department recorded: the administrator confirms the
		# password rotation
		rotation = frappe.get_doc(
			{
				"doctype": "Change Report",
				"platform_doctype": "Social Media Account",
				"platform_record": rotation_account,
				"change_type": "Administrator",
				"event_date": frappe.utils.today(),
				"new_administrators": [
					{"user": users["media"], "admin_role": "Chief Administrator", "phone": "13800000001"}
				],
				"remarks": f"管理员交接{suffix}",
			}
		)
		as_user(users["xcb"], lambda: rotation.insert().submit())

		# a class group whose owner asked to rename it: the counsellor (its supervisor) consents
		def class_group(label: str):
			return make_active(
				make_group(
					kj_class,
					users["qunzhu"],
					group_name=f"会计2024级1班{label}{suffix}",
					platform="微信群",
					member_count=40,
					supervisor_is_member=1,
					purpose="班级通知",
				),
				filed=False,
			)

		consent_group = class_group("学习群")
		rename = as_user(
			users["qunzhu"],
			lambda: frappe.get_doc(
				{
					"doctype": "Group Change Request",
					"group": consent_group.name,
					"change_type": "Rename",
					"new_name": f"会计2024级1班学习交流群{suffix}",
					"reason": "群用途调整",
				}
			).insert(),
		)
		from socialmedia_governance.filing.doctype.group_change_request.group_change_request import approve

		as_user(users["qunzhu"], approve, rename.name)
		# a class group its owner renames in the browser
		owner_group = class_group("班委群")

		hostile = make_active(make_account(kj_class, account_name=f"{XSS}班级号{suffix}"))
	finally:
		frappe.flags.in_test = False
	frappe.db.commit()

	return {
		"password": demo.DEMO_PASSWORD,
		"suffix": suffix,
		"users": users,
		"unit": kj,
		"unit_name": "会计学院",
		"class_unit": kj_class,
		"class_unit_name": "会计2024级1班",
		"platform_account": "微信公众号",
		"platform_group": "微信群",
		"new_account_name": f"会计学院团学公众号{suffix}",
		"new_group_name": f"会计2024级1班家校群{suffix}",
		"head_application": for_head.name,
		"head_application_account": for_head.platform_title,
		"xcb_application": for_xcb.name,
		"xcb_application_account": for_xcb_account.name,
		"xcb_application_account_name": for_xcb_account.account_name,
		"media_edit_account": media_edit,
		"dean_edit_account": dean_edit,
		"change_account": media_edit,
		"change_account_name": frappe.db.get_value("Social Media Account", media_edit, "account_name"),
		"rotation_report": rotation.name,
		"consent_request": rename.name,
		"consent_group": consent_group.name,
		"consent_new_name": rename.new_name,
		"owner_group": owner_group.name,
		"owner_group_name": owner_group.group_name,
		"owner_group_new_name": f"会计2024级1班班委工作群{suffix}",
		"incident_account": frappe.db.get_value("Social Media Account", class_account, "account_name"),
		"class_account": class_account,
		"class_account_name": frappe.db.get_value("Social Media Account", class_account, "account_name"),
		"other_account": other_account,
		"other_account_name": frappe.db.get_value("Social Media Account", other_account, "account_name"),
		"hostile_account": hostile.name,
		"hostile_account_name": hostile.account_name,
		"sweep": {key: sweep_plan(user) for key, user in users.items()},
	}


# ---------------------------------------------------------------------------- the desk sweep


def slug(name: str) -> str:
	"""frappe.router.slug: the desk's route for a DocType, report or workspace name."""
	return name.lower().replace(" ", "-")


def sweep_plan(user: str) -> dict:
	"""What ``user`` can open in the desk, read from the site's metadata as that user: the app's
	workspaces (with the targets of their shortcuts and links), the list of every DocType of the
	app's modules the user may read and one record of it, every Script/Query Report of the app the
	user may run, every print format of the app for a record the user may print."""
	frappe.set_user(user)
	try:
		return _sweep_plan()
	finally:
		frappe.set_user("Administrator")


def _sweep_plan() -> dict:
	modules = frappe.get_module_list(APP)
	lists, forms = [], []
	records: dict[str, str] = {}
	for dt in frappe.get_all(
		"DocType",
		filters={"module": ("in", modules), "istable": 0},
		fields=["name", "issingle"],
		order_by="name",
	):
		if not frappe.has_permission(dt.name, "read"):
			continue
		if dt.issingle:
			forms.append([dt.name, None, [slug(dt.name)]])
			continue
		lists.append([dt.name, [slug(dt.name)]])
		name = frappe.get_list(dt.name, pluck="name", limit=1, order_by="modified desc")
		if name:
			records[dt.name] = name[0]
			forms.append([dt.name, name[0], [slug(dt.name), name[0]]])
	reports = [
		r.name
		for r in frappe.get_all(
			"Report",
			filters={
				"module": ("in", modules),
				"report_type": ("in", ("Script Report", "Query Report")),
				"disabled": 0,
			},
			fields=["name"],
			order_by="name",
		)
		if frappe.get_doc("Report", r.name).is_permitted()
	]
	prints = [
		[pf.doc_type, records[pf.doc_type], pf.name]
		for pf in frappe.get_all(
			"Print Format",
			filters={"module": ("in", modules), "disabled": 0},
			fields=["name", "doc_type"],
			order_by="name",
		)
		if pf.doc_type in records and frappe.has_permission(pf.doc_type, "print", records[pf.doc_type])
	]
	from frappe.desk.desktop import get_workspace_sidebar_items

	visible = {p.get("name") for p in get_workspace_sidebar_items().get("pages", [])}
	workspaces, targets = [], []
	report_workspace: dict[str, str] = {}  # the workspace that links to each report
	for ws in frappe.get_all("Workspace", filters={"module": ("in", modules)}, pluck="name", order_by="name"):
		if ws not in visible:
			continue
		workspaces.append([ws, [slug(ws)]])
		for label, route, kind in _workspace_targets(frappe.get_doc("Workspace", ws)):
			targets.append([label, route, kind])
			if kind == "query-report":
				report_workspace.setdefault(route[1], ws)
	seen = {tuple(r) for _dt, r in lists} | {("query-report", r) for r in reports}
	seen |= {tuple(r) for _dt, name, r in forms if not name}
	links = []
	for label, route, kind in targets:
		if tuple(route) not in seen:
			seen.add(tuple(route))
			links.append([label, route, kind])
	return {
		"workspaces": workspaces,
		"lists": lists,
		"forms": forms,
		"reports": reports,
		"prints": prints,
		"links": links,
		"report_workspace": report_workspace,
	}


def _workspace_targets(ws) -> list:
	"""[label, desk route, kind] of a workspace's shortcuts and links that the session user may
	open (kind: list, tree, report-view, form, query-report, page)."""
	out = []
	rows = [(s.label, s.type, s.link_to, s.doc_view) for s in ws.shortcuts]
	rows += [(link.label, link.link_type, link.link_to, None) for link in ws.links if link.type == "Link"]
	for label, kind, target, view in rows:
		if not target:
			continue
		if kind == "DocType":
			if not frappe.has_permission(target, "read"):
				continue
			if frappe.get_meta(target).issingle:
				out.append([label, [slug(target)], "form"])
			elif view == "Tree":
				out.append([label, [slug(target), "view", "tree"], "tree"])
			elif view == "Report":
				out.append([label, [slug(target), "view", "report"], "report-view"])
			else:
				out.append([label, [slug(target)], "list"])
		elif kind == "Report":
			report = frappe.get_doc("Report", target)
			if report.is_permitted() and report.report_type in ("Script Report", "Query Report"):
				out.append([label, ["query-report", target], "query-report"])
		elif kind == "Page":
			if frappe.get_doc("Page", target).is_permitted():
				out.append([label, [target], "page"])
	return out
