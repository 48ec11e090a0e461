#!/usr/bin/env python3
"""Writes the default Word templates of the official forms (socialmedia_governance/documents/templates/*.docx).

Run from the repository root: ``python3 scripts/make_docx_templates.py`` (needs python-docx only). The
templates use the flat variables of socialmedia_governance/documents/forms.py (``{{ platform_name }}``…)
and are rendered with docxtpl. Each layout mirrors the print format of the same name: title, a bordered
grid of labels and values, opinion boxes with signature, seal and date lines."""

from __future__ import annotations

import datetime
import os

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = os.path.join(os.path.dirname(__file__), "..", "socialmedia_governance", "documents", "templates")
FONT = "SimSun"

PLATFORM_ROWS = [
	("平台名称", "{{ platform_name }}"),
	("平台类型", "{{ platform_type }}", "账号/群号", "{{ platform_id }}"),
	("主办单位", "{{ unit_name }}", "平台级别", "{{ platform_tier }}"),
	("第一责任人", "{{ responsible_person }}", "监管人", "{{ supervisor }}"),
	("管理员", "{{ administrators_text }}"),
]
SIGN = "（盖章）　　{who}签字：＿＿＿＿＿＿　　　年　　月　　日"

# file -> title, subtitle, meta line, rows; a row is (label, value) spanning, (l, v, l, v), or
# ("opinion", label, value, signer) for an opinion box with signature, seal and date lines.
LAYOUTS = {
	"opening_approval.docx": (
		"{{ institution }}开通网络公共社交平台审批表",
		"（附件1）",
		"申请编号：{{ doc_name }}　　　　申请日期：{{ application_date }}",
		[("申请单位", "{{ unit_name }}", "申请类型", "{{ application_type }}")]
		+ PLATFORM_ROWS
		+ [
			("主要用途", "{{ purpose }}"),
			("开设理由", "{{ reason }}"),
			("opinion", "单位意见", "{{ supervisor_opinion }}", "负责人"),
			(
				"opinion",
				"校团委意见",
				"{{ youth_league_opinion if has_youth_league_step else '（不适用）' }}",
				"负责人",
			),
			("opinion", "党委宣传部意见", "{{ propaganda_opinion }}　备案号：{{ filing_number }}", "负责人"),
		],
		"说明：1. 本表一式两份，申请单位和党委宣传部各存一份。2. 账号密码由指定专人掌管，并密封存档，不在本表中填写。3. 审批通过后方可开通运行。",
	),
	"filing_registration.docx": (
		"{{ institution }}网络公共社交平台备案登记表",
		"（附件2）",
		"备案号：{{ filing_number or platform_filing_number or '（待备案）' }}　　　　登记日期：{{ application_date }}",
		PLATFORM_ROWS
		+ [
			("主要用途", "{{ purpose }}"),
			("开设理由", "{{ reason }}"),
			(
				"开通日期",
				"{{ opened_on }}",
				"补报备案",
				"{{ '是' if application_type == '补报备案' else '否' }}",
			),
			("opinion", "主办单位意见", "{{ supervisor_opinion }}", "主办单位负责人"),
			("opinion", "党委宣传部备案意见", "{{ propaganda_opinion }}", "经办人"),
		],
		"说明：名称、管理人员或联系方式发生变更时，应在变更后三个工作日之内书面报党委宣传部。",
	),
	"student_org_application.docx": (
		"{{ institution }}各级官方微博、微信申请表",
		"（学生组织、学生社团适用）",
		"申请编号：{{ doc_name }}　　　　申请日期：{{ application_date }}",
		PLATFORM_ROWS
		+ [
			("主要用途", "{{ purpose }}"),
			("开设理由", "{{ reason }}"),
			("opinion", "指导老师意见", "{{ supervisor_opinion }}", "指导老师"),
			("opinion", "校团委意见", "{{ youth_league_opinion }}", "负责人"),
			("opinion", "党委宣传部备案", "{{ propaganda_opinion }}　备案号：{{ filing_number }}", "经办人"),
		],
		"",
	),
	"annual_review.docx": (
		"{{ institution }}网络公共社交平台年度检查报告",
		"（{{ campaign }}）",
		"编号：{{ doc_name }}　　　　报送截止：{{ due_date }}",
		PLATFORM_ROWS
		+ [
			("本年发布条数", "{{ posts_in_year }}", "粉丝/成员数", "{{ followers }}"),
			("舆情事件", "{{ incidents }}", "更正次数", "{{ corrections }}"),
			("培训次数", "{{ training_sessions }}", "人员变动后已改密码", "{{ credential_rotated }}"),
			("自查情况", "{{ self_assessment }}"),
			("报送人", "{{ submitted_by }}", "报送时间", "{{ submitted_on }}"),
			("审核单位", "{{ reviewer_kind }}", "检查结论", "{{ outcome }}"),
			("整改期限", "{{ rectify_deadline }}", "审核人", "{{ reviewed_by }}"),
			("opinion", "主办单位意见", "", "负责人"),
			("opinion", "审核意见", "{{ reviewer_comments }}", "审核人"),
		],
		"说明：年检不合格的账号应停止运行并注销。",
	),
	"change_report.docx": (
		"{{ institution }}网络公共社交平台变更报备表",
		"",
		"编号：{{ doc_name }}　　　　报备日期：{{ report_date }}",
		PLATFORM_ROWS
		+ [
			("变更事项", "{{ change_type }}", "变更日期", "{{ event_date }}"),
			("变更前", "{{ old_value }}", "变更后", "{{ new_value }}"),
			("报备时限", "{{ due_date }}", "是否逾期", "{{ is_late }}"),
			("密码已更换", "{{ password_rotation_confirmed }}", "更换日期", "{{ password_rotated_on }}"),
			("备注", "{{ remarks }}"),
			("opinion", "主办单位意见", "", "负责人"),
			("opinion", "党委宣传部意见", "", "经办人"),
		],
		"说明：名称、管理人员或联系方式发生变更时，应在变更后三个工作日之内书面报党委宣传部；人员变动须同时更换密码。",
	),
	"closure_request.docx": (
		"{{ institution }}网络公共社交平台注销备案表",
		"",
		"编号：{{ doc_name }}　　　　备案号：{{ filing_number or platform_filing_number }}",
		PLATFORM_ROWS
		+ [
			("开通日期", "{{ opened_on }}", "注销日期", "{{ date_closed }}"),
			("注销原因", "{{ reason }}"),
			("注销凭证", "{{ evidence_url }}", "年检责令注销", "{{ ordered_by_review }}"),
			("opinion", "主办单位意见", "", "负责人"),
			("opinion", "党委宣传部意见", "", "经办人"),
		],
		"说明：不再使用的账号应及时注销，并报党委宣传部备案。",
	),
	"certification_application.docx": (
		"{{ institution }}网络公共社交平台认证申请表",
		"",
		"编号：{{ doc_name }}　　　　备案号：{{ filing_number or platform_filing_number }}",
		PLATFORM_ROWS
		+ [
			("申请人", "{{ applicant }}", "审批状态", "{{ status }}"),
			("申请材料", "{{ materials }}"),
			("不予认证理由", "{{ rejection_reason }}"),
			("opinion", "主办单位意见", "", "负责人"),
			("opinion", "党委宣传部意见", "", "负责人"),
		],
		"说明：账号须已备案，经书面申请并由党委宣传部批准后方可认证。",
	),
	"violation_decision.docx": (
		"{{ institution }}网络公共社交平台违规处罚决定书",
		"",
		"编号：{{ doc_name }}　　　　决定日期：{{ decided_on }}",
		PLATFORM_ROWS
		+ [
			("违规类别", "{{ category }}", "发现日期", "{{ found_on }}"),
			("违规事实", "{{ description }}"),
			("处理决定", "{{ penalties_text }}"),
			("平台处理", "{{ platform_action or '无' }}", "评优评先", "{{ ban_text }}"),
			("移交司法", "{{ referral_text }}"),
			("opinion", "党委宣传部意见", "", "负责人"),
		],
		"说明：依据《网络公共社交平台管理办法》第十条作出本决定；管理不善造成不良影响的，相关人员和集体一年内不能评优、评先。",
	),
	"coordinated_release.docx": (
		"{{ institution }}统一发布通知",
		"",
		"编号：{{ doc_name }}　　　　下发日期：{{ issued_on }}",
		[
			("标题", "{{ title }}"),
			("发布时限", "{{ deadline }}", "目标账号数", "{{ targeted }}"),
			("统一口径内容", "{{ content }}"),
			("要求", "请各单位账号按统一口径原文发布，并在系统中以链接确认发布。"),
			("opinion", "党委宣传部", "", "负责人"),
		],
		"说明：重大事件或危机处理期间，各平台统一发布学校信息（H8）。",
	),
}


def set_font(run, size=11, bold=False):
	run.font.name = FONT
	run.font.size = Pt(size)
	run.font.bold = bold
	run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def para(container, text, size=11, bold=False, align=None):
	p = container.add_paragraph()
	if align is not None:
		p.alignment = align
	set_font(p.add_run(text), size, bold)
	return p


def cell_text(cell, text, bold=False, center=False):
	p = cell.paragraphs[0]
	if center:
		p.alignment = WD_ALIGN_PARAGRAPH.CENTER
	set_font(p.add_run(text), 11, bold)


def build(title, sub, meta, rows, note) -> Document:
	doc = Document()
	section = doc.sections[0]
	section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
	for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
		setattr(section, side, Cm(2))
	para(doc, title, 16, True, WD_ALIGN_PARAGRAPH.CENTER)
	if sub:
		para(doc, sub, 11, False, WD_ALIGN_PARAGRAPH.CENTER)
	para(doc, meta, 10.5)
	table = doc.add_table(rows=0, cols=4)
	table.style = "Table Grid"
	table.alignment = WD_TABLE_ALIGNMENT.CENTER
	for row in rows:
		cells = table.add_row().cells
		if row[0] == "opinion":
			_, label, value, who = row
			cell_text(cells[0], label, True, True)
			merged = cells[1].merge(cells[3])
			cell_text(merged, value)
			for _i in range(3):
				merged.add_paragraph()
			p = merged.add_paragraph()
			p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
			set_font(p.add_run(SIGN.format(who=who)), 10.5)
		elif len(row) == 2:
			cell_text(cells[0], row[0], True, True)
			cell_text(cells[1].merge(cells[3]), row[1])
		else:
			for i, text in enumerate(row):
				cell_text(cells[i], text, i % 2 == 0, i % 2 == 0)
	for row in table.rows:
		for i, width in enumerate((Cm(3.4), Cm(5.1), Cm(3.4), Cm(5.1))):
			row.cells[i].width = width
	if note:
		para(doc, note, 9)
	return doc


def main():
	os.makedirs(OUT, exist_ok=True)
	for name, layout in LAYOUTS.items():
		doc = build(*layout)
		# fixed core properties so that re-running the script reproduces the same content
		doc.core_properties.author = "socialmedia_governance"
		doc.core_properties.created = doc.core_properties.modified = datetime.datetime(2026, 11, 23)
		doc.core_properties.title = layout[0].replace("{{ institution }}", "")
		path = os.path.join(OUT, name)
		doc.save(path)
		print("wrote", os.path.relpath(path))


if __name__ == "__main__":
	main()
