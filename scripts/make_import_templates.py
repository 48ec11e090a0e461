#!/usr/bin/env python3
"""Writes the Excel templates for importing existing accounts and groups (retroactive filing, H7.1)
through Frappe's Data Import: socialmedia_governance/documents/templates/import_*.xlsx.

Run from the repository root: ``python3 scripts/make_import_templates.py`` (needs openpyxl only).
Headers are "<zh label> (<fieldname>)", a form Data Import matches for users whose language is zh;
labels come from the DocType JSON and translations/zh.csv, so the file follows the app."""

from __future__ import annotations

import csv
import json
import os

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

ROOT = os.path.join(os.path.dirname(__file__), "..", "socialmedia_governance")
OUT = os.path.join(ROOT, "documents", "templates")

TEMPLATES = {
	"import_accounts.xlsx": (
		"registry/doctype/social_media_account/social_media_account.json",
		[
			"account_name",
			"platform",
			"platform_id",
			"url",
			"owner_unit",
			"purpose",
			"is_retroactive",
			"opened_on",
			"outside_cooperation",
			"outside_party",
		],
	),
	"import_groups.xlsx": (
		"registry/doctype/social_media_group/social_media_group.json",
		[
			"group_name",
			"platform",
			"platform_id",
			"group_owner",
			"owner_unit",
			"purpose",
			"member_count",
			"real_name_status",
			"is_retroactive",
			"opened_on",
		],
	),
}
NOTES = [
	"填写说明（补报备案：本办法施行前已开设的账号和群）",
	"1. 在“数据导入”（Data Import）中新建导入，单据类型选“新媒体账号”或“新媒体群”，导入类型选“新增记录”，上传本表。",
	"2. 第一行表头请勿修改；表头括号内为字段名，导入时按字段名匹配（系统语言为中文时）。",
	"3. 主办单位填写组织机构中的单位名称；平台填写平台名称（如 微信公众号、QQ群）；补报备案填 1。",
	"4. 日期格式：2024-09-01。账号标识须符合平台格式，例如微信公众号原始ID gh_0123456789ab。",
	"5. 导入后账号为草稿状态，请通过“开设申请”（补报备案）完成审批和备案。出错的行会在导入日志中列出原因，其余行照常导入。",
	"6. 不要填写任何密码。",
]


def zh_labels() -> dict[str, str]:
	with open(os.path.join(ROOT, "translations", "zh.csv"), encoding="utf-8") as f:
		return {row[0]: row[1] for row in csv.reader(f) if len(row) >= 2}


def main():
	zh = zh_labels()
	for name, (json_path, fieldnames) in TEMPLATES.items():
		with open(os.path.join(ROOT, json_path), encoding="utf-8") as f:
			labels = {df["fieldname"]: df.get("label") for df in json.load(f)["fields"]}
		wb = Workbook()
		ws = wb.active
		ws.title = "导入数据"
		ws.append([f"{zh.get(labels[fn], labels[fn])} ({fn})" for fn in fieldnames])
		for cell in ws[1]:
			cell.font = Font(bold=True)
			cell.fill = PatternFill("solid", fgColor="DDEBF7")
		for col in "ABCDEFGHIJ":
			ws.column_dimensions[col].width = 24
		ws.freeze_panes = "A2"
		notes = wb.create_sheet("填写说明")
		for line in NOTES:
			notes.append([line])
		notes.column_dimensions["A"].width = 120
		path = os.path.join(OUT, name)
		wb.save(path)
		print("wrote", os.path.relpath(path))


if __name__ == "__main__":
	main()
