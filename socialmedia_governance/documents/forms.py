"""The registry of official paper forms (H7.1 附件1/附件2, S4, S5, S13, S14, S16).

Each form is printed as PDF by the print format of the same name and downloaded as Word from a .docx
template rendered with docxtpl. Adding a form = one ``Form`` entry below + one template
(``templates/<file>``, produced by ``scripts/make_docx_templates.py`` or uploaded as a Document Template).

The Word context is flat (``{{ platform_name }}``, ``{{ reason }}``…) so that an uploaded template can be
checked against the known variables before it is accepted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.utils import formatdate, getdate, nowdate

from socialmedia_governance.ui import typed

PLATFORM_DOCTYPES = ("Social Media Account", "Social Media Group")
ZH_DATE = "yyyy年MM月dd日"


@dataclass(frozen=True)
class Form:
	doctype: str
	template: str  # file name under documents/templates/
	extra: Callable[[object], dict] | None = None  # doc -> extra variables
	extra_keys: tuple[str, ...] = field(default_factory=tuple)


# variables every form gets (see common_context)
COMMON_KEYS = (
	"institution",
	"form_name",
	"doc_name",
	"today",
	"unit_name",
	"platform_name",
	"platform_type",
	"platform_id",
	"platform_tier",
	"platform_url",
	"is_group",
	"responsible_person",
	"supervisor",
	"administrators",
	"administrators_text",
	"group_owner",
	"member_count",
	"purpose",
	"platform_filing_number",
	"opened_on",
	"filed_on",
)

STEP_KEYS = ("supervisor_opinion", "youth_league_opinion", "propaganda_opinion", "has_youth_league_step")


def opening_extra(doc) -> dict:
	steps = doc.get("steps") or []

	def opinion(step):
		return "；".join(
			f"{_(row.status, 'zh')}　{person(row.acted_by)}　{zh_date(row.acted_on)}"
			for row in steps
			if row.step == step and row.status != "Pending"
		)

	return {
		"supervisor_opinion": opinion("Supervisor"),
		"youth_league_opinion": opinion("Youth League"),
		"propaganda_opinion": opinion("Propaganda"),
		"has_youth_league_step": any(row.step == "Youth League" for row in steps),
	}


VIOLATION_KEYS = ("penalties_text", "ban_text", "referral_text")


def violation_extra(doc) -> dict:
	penalties = [
		f"{plain(row.person_name) or person(row.user)}（{_(row.role_in_platform, 'zh')}）：{_(row.penalty, 'zh')}"
		+ (f"（{plain(row.override_reason)}）" if row.override_reason else "")
		for row in doc.get("persons") or []
		if row.penalty
	]
	bans = frappe.get_all("Award Ban", filters={"violation": doc.name}, fields=["subject_name", "end_date"])
	return {
		"penalties_text": "；".join(penalties) or "无",
		"ban_text": (
			"、".join(plain(b.subject_name) for b in bans) + f" 至 {zh_date(bans[0].end_date)} 不得评优评先"
			if bans
			else "无"
		),
		"referral_text": f"已于 {zh_date(doc.referred_on)} 移交司法部门"
		if doc.get("referred_to_authorities")
		else "否",
	}


FORMS: dict[str, Form] = {
	"开设审批表": Form("Opening Application", "opening_approval.docx", opening_extra, STEP_KEYS),
	"备案登记表": Form("Opening Application", "filing_registration.docx", opening_extra, STEP_KEYS),
	"学生组织新媒体申请表": Form(
		"Opening Application", "student_org_application.docx", opening_extra, STEP_KEYS
	),
	"年度检查报告": Form("Annual Review", "annual_review.docx"),
	"变更报备表": Form("Change Report", "change_report.docx"),
	"注销备案表": Form("Closure Request", "closure_request.docx"),
	"认证申请表": Form("Certification Application", "certification_application.docx"),
	"处罚决定书": Form("Violation", "violation_decision.docx", violation_extra, VIOLATION_KEYS),
	"统一发布通知": Form("Coordinated Release", "coordinated_release.docx"),
}


def forms_for(doctype: str) -> list[str]:
	return [name for name, form in FORMS.items() if form.doctype == doctype]


def get_form(form_name: str) -> Form:
	if form_name not in FORMS:
		frappe.throw(_("Unknown document form: {0}").format(form_name), frappe.ValidationError)
	return FORMS[form_name]


def known_keys(form_name: str) -> set[str]:
	"""Every variable a template of this form may use."""
	form = get_form(form_name)
	meta = frappe.get_meta(form.doctype)
	fields = {df.fieldname for df in meta.fields if df.fieldtype not in frappe.model.no_value_fields}
	return fields | set(COMMON_KEYS) | set(form.extra_keys) | {"name"}


# ---------------------------------------------------------------- values


# Text as the user typed it (Frappe stores < and > escaped); Word and Excel escape for themselves.
plain = typed


def zh_date(value) -> str:
	return formatdate(getdate(value), ZH_DATE) if value else ""


def person(user: str | None) -> str:
	if not user:
		return ""
	return plain(frappe.db.get_value("User", user, "full_name") or user)


def field_value(doc, df):
	value = doc.get(df.fieldname)
	if df.fieldtype in ("Date", "Datetime"):
		return zh_date(value)
	if df.fieldtype == "Select":
		return _(value, "zh") if value else ""
	if df.fieldtype == "Link" and df.options == "User":
		return person(value)
	if df.fieldtype == "Link" and df.options == "Organization Unit" and value:
		return plain(frappe.db.get_value("Organization Unit", value, "unit_name") or value)
	if df.fieldtype == "Check":
		return "是" if value else "否"
	if df.fieldtype in ("Int", "Float", "Currency", "Percent"):
		return value if value is not None else ""
	if df.fieldtype == "Table":
		return [
			{c.fieldname: plain(row.get(c.fieldname)) for c in frappe.get_meta(df.options).fields}
			for row in value or []
		]
	return plain(value)


def platform_of(doc):
	if doc.doctype in PLATFORM_DOCTYPES:
		return doc
	if doc.get("platform_doctype") and doc.get("platform_record"):
		return frappe.get_doc(doc.platform_doctype, doc.platform_record)
	if doc.get("account"):
		return frappe.get_doc("Social Media Account", doc.account)
	return None


def common_context(doc, form_name: str) -> dict:
	settings = frappe.get_cached_doc("Governance Settings")
	ctx = {key: "" for key in COMMON_KEYS}
	ctx.update(
		institution=plain(settings.get("institution_name")),
		form_name=form_name,
		doc_name=doc.name,
		today=zh_date(nowdate()),
		administrators=[],
	)
	platform = platform_of(doc)
	if platform:
		is_group = platform.doctype == "Social Media Group"
		admins = [
			{
				"name": plain(a.get("full_name")) or person(a.user),
				"role": _(a.admin_role, "zh") if a.get("admin_role") else "",
				"phone": plain(a.get("phone")),
			}
			for a in platform.get("administrators") or []
		]
		ctx.update(
			unit_name=plain(frappe.db.get_value("Organization Unit", platform.owner_unit, "unit_name")),
			platform_name=plain(platform.group_name if is_group else platform.account_name),
			platform_type=plain(platform.platform),
			platform_id=plain(platform.platform_id),
			platform_tier=f"{platform.tier} 级" if platform.tier else "",
			platform_url=plain(platform.get("url")),
			is_group=is_group,
			responsible_person=person(platform.responsible_person),
			supervisor=person(platform.supervisor),
			administrators=admins,
			administrators_text="；".join(
				f"{a['name']}（{a['role']}{'，' + a['phone'] if a['phone'] else ''}）" for a in admins
			),
			group_owner=person(platform.get("group_owner")),
			member_count=platform.get("member_count") or "",
			purpose=plain(platform.get("purpose")),
			platform_filing_number=plain(platform.filing_number),
			opened_on=zh_date(platform.opened_on),
			filed_on=zh_date(platform.filed_on),
		)
	return ctx


def word_context(doc, form_name: str) -> dict:
	"""The flat variables of one form for one document (see ``known_keys``)."""
	form = get_form(form_name)
	ctx = common_context(doc, form_name)
	for df in doc.meta.fields:
		if df.fieldtype in frappe.model.no_value_fields:
			continue
		ctx[df.fieldname] = field_value(doc, df)
	ctx["name"] = doc.name
	if form.extra:
		ctx.update(form.extra(doc))
	return ctx
