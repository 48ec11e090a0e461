"""Factories for site tests: users, a small school tree, accounts and groups.

Every name carries a per-run suffix so tests can commit (REST requests run on their own
connection) and still be run again on the same site.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import frappe

from socialmedia_governance.setup.install import seed_platforms, seed_settings

# the factories production code shares (setup/records.py), under the names the tests use
from socialmedia_governance.setup.records import ensure_user as make_user  # noqa: F401
from socialmedia_governance.setup.records import make_account, make_active, make_group  # noqa: F401


def make_unit(unit_name: str, unit_type: str, parent: str | None = None, **people) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Organization Unit",
			"unit_name": unit_name,
			"unit_type": unit_type,
			"parent_organization_unit": parent,
			**people,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def ensure_outgoing_email_account() -> str:
	"""A default outgoing Email Account, so that frappe.sendmail queues mail (tests read the queue)."""
	name = frappe.db.get_value("Email Account", {"default_outgoing": 1})
	if name:
		return name
	doc = frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": "新媒体管理通知",
			"email_id": "notify@test.example.com",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "127.0.0.1",
			"smtp_port": 2525,
			"no_smtp_authentication": 1,
		}
	).insert(ignore_permissions=True)
	return doc.name


def api_token(user: str) -> str:
	"""An ``Authorization`` header value for REST requests as ``user`` (a fresh API secret)."""
	doc = frappe.get_doc("User", user)
	doc.api_key = doc.api_key or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.flags.ignore_permissions = True
	doc.save()
	return f"token {doc.api_key}:{secret}"


def queued_recipients(reference_doctype: str, reference_name: str) -> set[str]:
	"""Everyone an email about the record was queued for (Frappe's Email Queue)."""
	queue = frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": reference_doctype, "reference_name": reference_name},
		pluck="name",
	)
	return set(
		frappe.get_all("Email Queue Recipient", filters={"parent": ("in", queue or [""])}, pluck="recipient")
	)


@dataclass
class School:
	"""A small school tree with a person in every seat."""

	suffix: str
	units: dict[str, str] = field(default_factory=dict)
	users: dict[str, str] = field(default_factory=dict)

	def u(self, key: str) -> str:
		return self.users[key]


def make_school(suffix: str | None = None) -> School:
	"""school → 党委宣传部, 校团委 (→ 摄影协会), 学生工作处 (→ 资产管理员群), 会计学院 (→ 学工办, 会计2301班,
	学生会), 信息学院 (→ 信息2301班)."""
	seed_platforms()
	seed_settings()
	s = School(suffix or frappe.generate_hash(length=6))
	x = s.suffix

	def person(key, *roles):
		s.users[key] = make_user(f"{key}-{x}@test.example.com", *roles, first_name=key)
		return s.users[key]

	for key, roles in {
		"president": (),
		"xcb_head": ("Propaganda Manager",),
		"tw_head": ("Youth League Manager",),
		"xgc_head": (),
		"kj_dean": (),
		"kj_sec": (),
		"kj_xgb": (),
		"xx_dean": (),
		"fdy_kj": (),
		"fdy_xx": (),
		"club_teacher": (),
		"xsh_teacher": (),
		"admin_kj": (),
		"owner_kj": (),
		"auditor": ("Governance Auditor",),
		"outsider": (),
	}.items():
		person(key, *roles)

	school = frappe.db.get_value("Organization Unit", {"unit_type": "School"})
	if not school:
		school = make_unit("测试大学", "School", head=s.u("president"))
	s.units["school"] = school
	s.units["xcb"] = make_unit(f"党委宣传部{x}", "Department", school, head=s.u("xcb_head"))
	s.units["tw"] = make_unit(f"校团委{x}", "Department", school, head=s.u("tw_head"))
	s.units["club"] = make_unit(f"摄影协会{x}", "Club", s.units["tw"], advisor=s.u("club_teacher"))
	s.units["xgc"] = make_unit(f"学生工作处{x}", "Office", school, head=s.u("xgc_head"))
	s.units["work_group"] = make_unit(f"资产管理员群{x}", "Work Group", s.units["xgc"])
	s.units["kj"] = make_unit(
		f"会计学院{x}", "Secondary College", school, head=s.u("kj_dean"), secretary=s.u("kj_sec")
	)
	s.units["kj_xgb"] = make_unit(f"会计学院学工办{x}", "Internal Office", s.units["kj"], head=s.u("kj_xgb"))
	s.units["kj_class"] = make_unit(f"会计2301班{x}", "Class", s.units["kj"], counsellor=s.u("fdy_kj"))
	s.units["kj_xsh"] = make_unit(
		f"会计学院学生会{x}", "Student Organisation", s.units["kj"], advisor=s.u("xsh_teacher")
	)
	s.units["xx"] = make_unit(f"信息学院{x}", "Secondary College", school, head=s.u("xx_dean"))
	s.units["xx_class"] = make_unit(f"信息2301班{x}", "Class", s.units["xx"], counsellor=s.u("fdy_xx"))

	settings = frappe.get_single("Governance Settings")
	settings.propaganda_unit = s.units["xcb"]
	settings.youth_league_unit = s.units["tw"]
	settings.student_org_via_youth_league = 1
	settings.flags.ignore_permissions = True
	settings.save()
	return s
