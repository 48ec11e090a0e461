"""Policy presets: the two regulations the app ships with, as Governance Settings values.

One deployment serves one school; the regulations differ in thresholds, deadlines, review
routing and the student-organisation route, so those are settings and these are their
shipped values. An admin applies one with a button in Governance Settings and may then
adjust any value.
"""

from __future__ import annotations

PRESETS = {
	"HUFE 2018": {
		"regulation_title": "湖南财政经济学院网络公共社交平台管理办法（试行）（湘财院党发〔2018〕47号）",
		"change_report_working_days": 3,  # H7.2: 三个工作日之内
		"group_filing_threshold": 50,  # H4.1: 人数达到50人以上
		"review_open_month": 12,  # H7.3: 每年12月份
		"review_open_day": 1,
		"review_due_month": 12,
		"review_due_day": 31,
		"tier3_reviewer": "Tier-2 Unit Head",  # H7.3: 各部门、各二级学院负责对其下属机构年审
		# H7.1 names only the Propaganda Dept; student platforms still pass the Youth League
		# Committee first, as every Chinese university does (S4, S15): an admin may switch it off.
		"student_org_via_youth_league": 1,
		"award_ban_months": 12,  # H10.1: 一年内不能评优、评先
		"filing_number_prefix": "XCB",
	},
	"SCTBC 2017": {
		"regulation_title": "四川工商职业技术学院各级官方微博微信管理办法（川工商院委〔2017〕71号）",
		"change_report_working_days": 3,  # S13: 及时 — the shipped reading is 3 working days
		"group_filing_threshold": 50,  # the 2017 rules do not cover chat groups; H4.1's default
		"review_open_month": 12,  # S16: 每年 (annually); December as in practice
		"review_open_day": 1,
		"review_due_month": 12,
		"review_due_day": 31,
		"tier3_reviewer": "Propaganda Department",  # S16: 报学校党委宣传部进行年度审核检查
		"student_org_via_youth_league": 1,  # S4, S15: 报校团委批准并报党委宣传部备案
		"award_ban_months": 12,
		"filing_number_prefix": "XCB",
	},
}

DEFAULT_PRESET = "HUFE 2018"

TIER3_REVIEWERS = ("Tier-2 Unit Head", "Propaganda Department")


def preset_values(name: str) -> dict:
	"""The settings values of a preset (a copy, with the publication checklist of its
	regulation: S9 or H5, S11), or KeyError for an unknown preset."""
	from socialmedia_governance.policy import content

	return {**PRESETS[name], "publication_checklist": content.checklist(name)}
