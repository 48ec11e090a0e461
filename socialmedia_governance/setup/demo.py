"""Demo data: a realistic demo university (≈40 units, ≈200 accounts, ≈500 groups, users for every role).

    bench --site SITE execute socialmedia_governance.setup.demo.load_demo_data

Idempotent: a second run finds the demo school and only prints the logins again. Every demo
user has the password in DEMO_PASSWORD (printed at the end); they all read the desk in Chinese.
"""

from __future__ import annotations

import random
import traceback

import frappe
from frappe.utils import add_days, getdate

from socialmedia_governance.monitoring.demo import load_posts
from socialmedia_governance.notifications.demo_mail import demo_email_account
from socialmedia_governance.policy import platforms as platform_rules
from socialmedia_governance.registry.register import allow_process_update
from socialmedia_governance.setup.install import complete_setup_wizard, seed_platforms, seed_settings
from socialmedia_governance.setup.records import as_user, ensure_user

DEMO_PASSWORD = "Demo@2026!"
SCHOOL = "示范财经学院"
DOMAIN = "demo.edu.cn"
SEED = 20261122

SURNAMES = (
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国晓东海燕文斌玉兰志强春梅红梅俊杰雪梅宇轩子涵欣怡浩然思远"

DEPARTMENTS = [
	("党委宣传部", "Department", "xcb"),
	("校团委", "Department", "tw"),
	("学生工作处", "Office", "xgc"),
	("教务处", "Office", "jwc"),
	("招生就业处", "Office", "zsjy"),
	("图书馆", "Department", "tsg"),
	("保卫处", "Office", "bwc"),
]
COLLEGES = [
	("会计学院", "kj"),
	("财政税务学院", "czss"),
	("信息技术学院", "xxjs"),
	("外国语学院", "wgy"),
	("工商管理学院", "gsgl"),
	("法学院", "fx"),
]
CLUBS = [("摄影协会", "sy"), ("青年志愿者协会", "zyz"), ("辩论队", "bl")]

# The people a visitor logs in as, one for each role.
ROLE_LOGINS = [
	("xcb", "宣传部部长", "Propaganda Manager"),
	("tw", "校团委书记", "Youth League Manager"),
	("kj.dean", "会计学院院长", "Unit Head"),
	("kj.fdy", "会计学院辅导员", "Counsellor"),
	("sy.advisor", "摄影协会指导老师", "Club Advisor"),
	("kj.media", "会计学院新媒体管理员", "Account Administrator"),
	("kj.qunzhu", "班级群群主", "Group Owner"),
	("audit", "纪检审计员", "Governance Auditor"),
]


# how long before the demo's load each reported change happened: most within the deadline
CHANGE_DAYS_AGO = (1, 2, 9, 1, 3, 14, 2, 1, 6, 2, 20, 1, 3, 27)


class Demo:
	def __init__(self):
		self.rng = random.Random(SEED)
		self.units: dict[str, str] = {}
		self.used_names: set[str] = set()
		self.filing_seq = 0
		self.platforms = {code: name for name, code, *_ in platform_rules.DEFAULT_PLATFORMS}

	# ---------------------------------------------------------------- people
	def person_name(self) -> str:
		while True:
			name = self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.choice((1, 2))))
			if name not in self.used_names:
				self.used_names.add(name)
				return name

	def user(self, login: str, full_name: str | None = None, *roles: str) -> str:
		email = f"{login}@{DOMAIN}"
		# a name is drawn (seeded) only for a user that does not exist yet
		first_name = None if frappe.db.exists("User", email) else full_name or self.person_name()
		return ensure_user(
			email,
			*roles,
			first_name=first_name,
			time_zone="Asia/Shanghai",
			new_password=DEMO_PASSWORD,
		)

	# ---------------------------------------------------------------- tree
	def unit(self, key: str, unit_name: str, unit_type: str, parent_key: str | None, **people) -> str:
		doc = frappe.get_doc(
			{
				"doctype": "Organization Unit",
				"unit_name": unit_name,
				"unit_type": unit_type,
				"parent_organization_unit": self.units.get(parent_key) if parent_key else None,
				**people,
			}
		)
		doc.insert(ignore_permissions=True)
		self.units[key] = doc.name
		return doc.name

	def build_tree(self):
		self.unit("school", SCHOOL, "School", None, head=self.user("president", "陈建国"))
		for name, unit_type, key in DEPARTMENTS:
			login = {"xcb": "xcb", "tw": "tw"}.get(key, f"{key}.head")
			head = self.user(
				login, None if login.endswith(".head") else dict((r[0], r[1]) for r in ROLE_LOGINS)[login]
			)
			self.unit(key, name, unit_type, "school", head=head)
		self.unit("zcglyq", "资产管理员群", "Work Group", "xgc")
		for name, key in COLLEGES:
			dean_name = "会计学院院长" if key == "kj" else None
			self.unit(
				key,
				name,
				"Secondary College",
				"school",
				head=self.user(f"{key}.dean", dean_name),
				secretary=self.user(f"{key}.sec"),
			)
			self.unit(f"{key}.xgb", f"{name}学工办", "Internal Office", key, head=self.user(f"{key}.xgb"))
			counsellor = self.user(f"{key}.fdy", "会计学院辅导员" if key == "kj" else None)
			for year in ("2024", "2025"):
				self.unit(f"{key}.{year}", f"{name[:2]}{year}级1班", "Class", key, counsellor=counsellor)
			self.unit(
				f"{key}.xsh", f"{name}学生会", "Student Organisation", key, advisor=self.user(f"{key}.xsh")
			)
		for name, key in CLUBS:
			advisor = self.user(f"{key}.advisor", "摄影协会指导老师" if key == "sy" else None)
			self.unit(key, name, "Club", "tw", advisor=advisor)

	# ---------------------------------------------------------------- registers
	def filing_number(self) -> str:
		"""The next number of the real series (never one already used), so that opening
		applications approved later in the demo go on from here instead of issuing it twice."""
		from socialmedia_governance.filing.numbers import next_filing_number

		return next_filing_number()

	def platform_id(self, code: str) -> str | None:
		r = self.rng
		return {
			"wechat_mp": lambda: "gh_" + "".join(r.choice("0123456789abcdef") for _ in range(12)),
			"weibo": lambda: str(r.randint(10**9, 10**10 - 1)),
			"douyin": lambda: "dy" + str(r.randint(10**6, 10**7 - 1)),
			"bilibili": lambda: str(r.randint(10**7, 10**9)),
			"xiaohongshu": lambda: str(r.randint(10**8, 10**9 - 1)),
			"channels": lambda: (
				"sph" + "".join(r.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(9))
			),
			"qq_group": lambda: str(r.randint(10**8, 10**9 - 1)),
			"dingtalk_group": lambda: str(r.randint(10**7, 10**8 - 1)),
		}.get(code, lambda: None)()

	def lifecycle(self, doc, i: int):
		"""Most records are filed and active; a few are drafts, under review, suspended or closed."""
		roll = i % 20
		today = getdate()
		allow_process_update(doc)
		if roll == 0:
			doc.status = "Draft"
			return
		if roll == 1:
			doc.status = "Under Review"
			return
		doc.status = {2: "Suspended", 3: "Closed"}.get(roll, "Active")
		doc.opened_on = add_days(today, -self.rng.randint(60, 2000))
		doc.filed_on = add_days(doc.opened_on, self.rng.randint(-5, 20))
		doc.filing_number = self.filing_number()
		doc.is_retroactive = 1 if doc.filed_on > doc.opened_on else 0
		if doc.status == "Closed":
			doc.closed_on = add_days(today, -self.rng.randint(1, 50))

	def administrators(self, admin: str) -> list[dict]:
		return [
			{
				"user": admin,
				"admin_role": "Chief Administrator",
				"phone": f"138{self.rng.randint(10**7, 10**8 - 1)}",
			}
		]

	def account(self, owner_key: str, name: str, code: str, admin: str, i: int, **extra):
		doc = frappe.get_doc(
			{
				"doctype": "Social Media Account",
				"account_name": name,
				"platform": self.platforms[code],
				"platform_id": self.platform_id(code),
				"owner_unit": self.units[owner_key],
				"uses_school_name": 1,
				"purpose": "发布本单位工作动态、通知公告和服务信息",
				"administrators": self.administrators(admin),
				**extra,
			}
		)
		self.lifecycle(doc, i)
		if doc.status == "Active" and self.rng.random() < 0.15:
			doc.certification_status = "Certified"
		doc.insert(ignore_permissions=True)
		registered_by(doc, admin)

	def group(self, owner_key: str, name: str, code: str, owner: str, members: int, i: int, **extra):
		doc = frappe.get_doc(
			{
				"doctype": "Social Media Group",
				"group_name": name,
				"platform": self.platforms[code],
				"platform_id": self.platform_id(code),
				"owner_unit": self.units[owner_key],
				"group_owner": owner,
				"member_count": members,
				"supervisor_is_member": 1 if i % 9 else 0,
				"real_name_status": ("All Real-Name", "Partly Real-Name", "Not Checked")[i % 3],
				"purpose": "工作通知与交流",
				**extra,
			}
		)
		self.lifecycle(doc, i)
		if doc.status == "Active" and members < 50 and not doc.uses_school_name and i % 4:
			doc.filing_number = doc.filed_on = None  # small groups need no filing (H4.1)
		if members >= 50 and i % 7 == 0 and doc.status == "Active":
			doc.filing_number = doc.filed_on = None  # some large groups are still unfiled: overdue
		doc.insert(ignore_permissions=True)
		registered_by(doc, owner)

	def build_registers(self):
		media = self.user("kj.media", "会计学院新媒体管理员")
		qunzhu = self.user("kj.qunzhu", "班级群群主")
		i = 0
		school_accounts = [
			("wechat_mp", "官方微信"),
			("weibo", "官方微博"),
			("douyin", "官方抖音"),
			("tieba", "吧"),
			("bilibili", "官方B站"),
			("channels", "视频号"),
		]
		for code, suffix in school_accounts:
			i += 1
			self.account("school", f"{SCHOOL}{suffix}", code, self.user("xcb.editor"), i)
		account_codes = ["wechat_mp", "weibo", "douyin", "xiaohongshu", "bilibili", "channels"]
		owners = [(key, name) for name, _t, key in DEPARTMENTS] + [(key, name) for name, key in COLLEGES]
		owners += [(f"{key}.xsh", f"{name}学生会") for name, key in COLLEGES]
		owners += [(f"{key}.xgb", f"{name}学工办") for name, key in COLLEGES]
		owners += [(key, name) for name, key in CLUBS]
		owners += [
			(f"{key}.{year}", f"{name[:2]}{year}级1班") for name, key in COLLEGES for year in ("2024", "2025")
		]
		labels = {
			"wechat_mp": "",
			"weibo": "微博",
			"douyin": "抖音",
			"xiaohongshu": "小红书",
			"bilibili": "B站",
			"channels": "视频号",
		}
		while i < 200:
			for owner_key, owner_name in owners:
				if i >= 200:
					break
				code = account_codes[i % len(account_codes)]
				name = f"{SCHOOL}{owner_name}{labels[code]}"
				if frappe.db.exists("Social Media Account", {"account_name": name}):
					name = f"{name}{i}"
				admin = media if owner_key == "kj" else self.user(f"{owner_key}.media")
				i += 1
				self.account(owner_key, name, code, admin, i)
		j, round_no = 0, 0
		group_codes = ["wechat_group", "qq_group", "wecom_group", "dingtalk_group"]
		kinds = [
			"班级通知群",
			"班委群",
			"学习交流群",
			"宿舍长群",
			"家长联络群",
			"考研交流群",
			"就业信息群",
			"党团员群",
		]
		class_keys = [f"{key}.{year}" for _n, key in COLLEGES for year in ("2024", "2025")]
		while j < 500:
			round_no += 1
			numbered = "" if round_no == 1 else f"（{round_no}群）"
			for class_key in class_keys:
				class_name = frappe.db.get_value("Organization Unit", self.units[class_key], "unit_name")
				owner = qunzhu if class_key == "kj.2024" else self.user(f"{class_key}.monitor")
				for kind in kinds:
					if j >= 500:
						break
					j += 1
					members = self.rng.choice((8, 15, 30, 42, 48, 55, 60, 120, 300))
					self.group(
						class_key, f"{class_name}{kind}{numbered}", group_codes[j % 4], owner, members, j
					)
			for dept_name, _t, key in DEPARTMENTS:
				if j >= 500:
					break
				j += 1
				members = self.rng.choice((12, 25, 60))
				self.group(
					key,
					f"{dept_name}教职工群{numbered}",
					group_codes[j % 4],
					self.user(f"{key}.staff"),
					members,
					j,
				)
			if j < 500 and round_no == 1:
				j += 1
				self.group(
					"zcglyq",
					"资产管理员群",
					"wechat_group",
					self.user("xgc.zcgly"),
					68,
					j,
					uses_school_name=1,
				)

	def build_applications(self):
		"""Opening applications at every step, so each role finds work waiting in the desk."""
		from frappe.model.workflow import apply_workflow

		drafts = frappe.get_all(
			"Social Media Account",
			filters={"status": "Draft"},
			fields=["name", "account_name"],
			order_by="name",
			limit=8,
		)
		for i, acc in enumerate(drafts):
			admin = frappe.get_all(
				"Social Media Administrator",
				filters={"parent": acc.name, "parenttype": "Social Media Account"},
				pluck="user",
			)
			applicant = admin[0] if admin else "Administrator"
			app = as_user(
				applicant,
				lambda a=acc: frappe.get_doc(
					{
						"doctype": "Opening Application",
						"platform_doctype": "Social Media Account",
						"platform_record": a.name,
						"reason": "发布本单位工作动态，服务师生",
					}
				).insert(),
			)
			if i % 4 == 3:
				continue  # left as a draft
			as_user(applicant, apply_workflow, app.as_dict(), "Submit for Approval")
			if i % 4 == 2:
				app.reload()
				approver = (app.current_approvers or "").split("\n")[0]
				if approver:
					as_user(approver, apply_workflow, app.as_dict(), "Approve")

	def build_change_reports(self):
		"""Changes the administrators reported (S13, H7.2): new contact numbers and password
		rotations of the last four weeks, reported today by the account's administrator, so the
		older ones are late on the working-day calendar (Change Report Timeliness has rows); the
		Propaganda Department has recorded all but every fifth, which waits for it."""
		accounts = frappe.get_all(
			"Social Media Account",
			filters={"status": "Active"},
			pluck="name",
			order_by="name",
			limit=len(CHANGE_DAYS_AGO),
		)
		for i, account in enumerate(accounts):
			admin = frappe.db.get_value(
				"Social Media Administrator",
				{"parent": account, "parenttype": "Social Media Account"},
				"user",
				order_by="idx",
			)
			if not admin:
				continue
			values = (
				{"change_type": "Contact", "old_value": "", "new_value": f"0571-8689{1200 + i}"}
				if i % 2
				else {"change_type": "Password Rotation"}
			)
			report = frappe.get_doc(
				{
					"doctype": "Change Report",
					"platform_doctype": "Social Media Account",
					"platform_record": account,
					"event_date": add_days(getdate(), -CHANGE_DAYS_AGO[i]),
					"remarks": "按规定报宣传部备案",
					**values,
				}
			)
			as_user(admin, report.insert)
			if i % 5 != 4:
				as_user(
					f"xcb@{DOMAIN}", lambda name=report.name: frappe.get_doc("Change Report", name).submit()
				)

	def build_requests(self):
		"""Requests waiting in the desk: a class group's owner asks to rename the group and has
		consented, so its supervisor finds the other consent waiting (H4.3); an account
		administrator applies for the platform's certification of a filed account."""
		from socialmedia_governance.filing.doctype.group_change_request.group_change_request import approve

		owner = f"kj.qunzhu@{DOMAIN}"
		group = frappe.get_all(
			"Social Media Group",
			filters={"status": "Active", "group_owner": owner},
			fields=["name", "group_name"],
			order_by="name",
			limit=1,
		)
		if group:
			renamed = group[0].group_name.replace("宿舍长群", "班委会群")
			if renamed == group[0].group_name:
				renamed = f"{renamed}（班委会）"
			request = as_user(
				owner,
				lambda: frappe.get_doc(
					{
						"doctype": "Group Change Request",
						"group": group[0].name,
						"change_type": "Rename",
						"new_name": renamed,
						"reason": "宿舍长群并入班委会，群名称按学院群组命名规范调整",
					}
				).insert(),
			)
			as_user(owner, approve, request.name)
		admin = f"kj.media@{DOMAIN}"
		account = frappe.db.sql(
			"""select a.`name` from `tabSocial Media Account` a
			join `tabSocial Media Administrator` m on m.`parent` = a.`name`
				and m.`parenttype` = 'Social Media Account' and m.`user` = %s
			where a.`status` = 'Active' and ifnull(a.`filing_number`, '') != ''
				and ifnull(a.`certification_status`, '') != 'Certified'
			order by a.`name` limit 1""",
			admin,
			pluck=True,
		)
		if account:
			as_user(
				admin,
				lambda: frappe.get_doc(
					{
						"doctype": "Certification Application",
						"account": account[0],
						"materials": "学院公函（加盖公章）、管理员身份证明、宣传部备案编号",
					}
				).insert(),
			)

	def build_discipline(self):
		"""Violations as the Propaganda Department records them (H10.1–H10.3, S17, S18): one decided
		on the class group of the incident (a warning for the group owner), one of poor management
		decided on a club's account (its people and units barred from awards for the settings'
		months: the Barred List and Award Eligibility have rows), and one waiting for a decision."""
		xcb = f"xcb@{DOMAIN}"
		# the incident build_content reported on a class group: the first violation is its outcome
		incident = frappe.db.get_value(
			"Incident",
			{"platform_doctype": "Social Media Group"},
			["name", "platform_record"],
			as_dict=True,
			order_by="creation",
		)
		club_account = frappe.db.sql(
			"""select a.`name` from `tabSocial Media Account` a
			join `tabOrganization Unit` u on u.`name` = a.`owner_unit`
			where a.`status` = 'Active' and u.`unit_type` = 'Club' order by a.`name` limit 1""",
			pluck=True,
		)
		other = frappe.get_all(
			"Social Media Account", filters={"status": "Active"}, pluck="name", order_by="name desc", limit=1
		)
		cases = []
		if incident:
			cases.append(
				(
					{
						"platform_doctype": "Social Media Group",
						"platform_record": incident.platform_record,
						"category": "擅自发布重大敏感信息",
						"incident": incident.name,
						"description": "群内转发未经核实的“明日停课”消息，造成学生误解",
						"persons": [
							{"user": f"kj.qunzhu@{DOMAIN}", "role_in_platform": "Group Owner"},
							{"person_name": "王同学", "role_in_platform": "Member"},
						],
					},
					True,
				)
			)
		if club_account:
			cases.append(
				(
					{
						"platform_doctype": "Social Media Account",
						"platform_record": club_account[0],
						"category": "管理不善造成不良影响",
						"description": "账号长期由已毕业学生管理，发布与社团无关的广告，造成不良影响",
					},
					True,
				)
			)
		if other:
			cases.append(
				(
					{
						"platform_doctype": "Social Media Account",
						"platform_record": other[0],
						"category": "人身攻击",
						"description": "评论区回复中出现针对个人的攻击性言论，已截图留存",
						"evidence_url": "https://example.edu.cn/screenshot/demo-2",
					},
					False,
				)
			)
		for values, decide in cases:
			violation = as_user(
				xcb,
				lambda v=values: frappe.get_doc(
					{"doctype": "Violation", "found_on": add_days(getdate(), -5), **v}
				).insert(),
			)
			if decide:
				as_user(xcb, violation.submit)

	def build_content(self):
		"""Publication requests at each step, a content filing, a coordinated release with some
		confirmations and an incident, so that every content screen has something to show."""
		from pathlib import Path

		from frappe.model.workflow import apply_workflow
		from frappe.utils import add_to_date, now_datetime

		from socialmedia_governance.content import lexicon
		from socialmedia_governance.content.doctype.coordinated_release.coordinated_release import (
			confirm_publication,
		)

		lexicon.seed_categories()
		words = (Path(lexicon.__file__).parent / "sample_lexicon.txt").read_text(encoding="utf-8")
		lexicon.import_words(words, "其他")
		media = f"kj.media@{DOMAIN}"
		accounts = frappe.get_all(
			"Social Media Account",
			filters={
				"status": "Active",
				"name": (
					"in",
					frappe.get_all(
						"Social Media Administrator",
						filters={"user": media, "parenttype": "Social Media Account"},
						pluck="parent",
					),
				),
			},
			fields=["name", "owner_unit"],
			order_by="name",
		)
		if not accounts:
			return
		unit_accounts = [a for a in accounts if a.owner_unit == accounts[0].owner_unit]

		def request(title, category, text, submit=True):
			doc = as_user(
				media,
				lambda: frappe.get_doc(
					{
						"doctype": "Publication Request",
						"title": title,
						"category": category,
						"content": text,
						"planned_time": add_to_date(now_datetime(), days=2),
						"targets": [{"account": a.name} for a in unit_accounts[:2]],
						"checklist": [
							{"clause": r.clause, "item": r.item, "confirmed": 1}
							for r in frappe.get_cached_doc("Governance Settings").publication_checklist
						],
					}
				).insert(),
			)
			if submit:
				as_user(media, apply_workflow, doc.as_dict(), "Submit for Approval")
			return frappe.get_doc("Publication Request", doc.name)

		request(
			"关于防范校园贷和刷单诈骗的提醒",
			"Sensitive Issue",
			"近期有不法分子以兼职返利、刷单为名诱导学生办理校园贷。请同学们提高警惕，不轻信所谓内部消息，保护好身份证号等个人信息。",
		)
		approved = request(
			"会计学院2026年度表彰大会通知",
			"Major Unit Information",
			"学院定于12月18日召开年度表彰大会，请各班按时参加。",
		)
		approver = approved.current_approvers.split("\n")[0]
		as_user(approver, apply_workflow, approved.as_dict(), "Approve")
		as_user(
			media,
			lambda: (
				frappe.get_doc(
					{
						"doctype": "Content Filing",
						"publication_request": approved.name,
						"account": approved.targets[0].account,
						"published_url": "https://mp.weixin.qq.com/s/demo-biaozhang-2026",
						"published_at": now_datetime(),
					}
				)
				.insert()
				.submit()
			),
		)
		request(
			"爱心义卖活动倡议",
			"Charity Appeal",
			"学院学生会将于下周举办爱心义卖，所得全部捐赠给山区学校。",
			submit=False,
		)

		xcb = f"xcb@{DOMAIN}"
		release = as_user(
			xcb,
			lambda: frappe.get_doc(
				{
					"doctype": "Coordinated Release",
					"title": "关于寒潮天气调整作息时间的通知（统一口径）",
					"content": "受强寒潮影响，学校决定自明日起调整作息时间，请各单位账号统一转发学校官方发布内容。",
					"deadline": add_to_date(now_datetime(), days=1),
					"tier_1": 1,
					"tier_2": 1,
					"tier_3": 0,
				}
			).insert(),
		)
		as_user(xcb, release.submit)
		for account in unit_accounts[:1]:
			as_user(
				media,
				confirm_publication,
				release.name,
				account.name,
				"https://mp.weixin.qq.com/s/demo-hanchao",
			)

		group = frappe.get_all(
			"Social Media Group",
			filters={"status": "Active", "group_owner": f"kj.qunzhu@{DOMAIN}"},
			pluck="name",
			limit=1,
		)
		if group:
			as_user(
				f"kj.fdy@{DOMAIN}",
				lambda: frappe.get_doc(
					{
						"doctype": "Incident",
						"platform_doctype": "Social Media Group",
						"platform_record": group[0],
						"found_on": add_to_date(now_datetime(), hours=-3),
						"url": "https://example.edu.cn/screenshot/demo-1",
						"description": "群内转发未经核实的“明日停课”消息",
					}
				).insert(),
			)


def registered_by(doc, user: str) -> None:
	"""The register row as its administrator (or group owner) entered it: the form's timeline and
	the list sidebar's "created by" name that person, not the Administrator who loads the demo."""
	frappe.db.set_value(doc.doctype, doc.name, {"owner": user, "modified_by": user}, update_modified=False)


def grant_role_logins(demo: Demo) -> None:
	for login, title, role in ROLE_LOGINS:
		demo.user(login, title, role)


def load_demo_data():
	"""Load the demo university (idempotent) and print the demo logins.

	`bench execute` hides a failure: when the call raises, it evaluates the dotted path as an
	expression and reports only "NameError: name 'socialmedia_governance' is not defined". The real
	traceback is printed here and the command exits non-zero.

	The site's scheduled jobs are paused while it loads (``pause_scheduler``, as it was after):
	a scheduler already running on the bench (another site's) starts them as soon as the load
	completes the setup wizard, and in December its daily run opened the annual review campaign
	and created its reviews beside the load doing the same ("Lock wait timeout exceeded")."""
	from frappe.installer import update_site_config

	paused = frappe.conf.get("pause_scheduler")
	if not paused:
		update_site_config("pause_scheduler", 1)
	try:
		_load_demo_data()
	except Exception:
		frappe.db.rollback()
		traceback.print_exc()
		print(
			"ERROR: the demo data could not be loaded (traceback above). Re-run scripts/setup after"
			" fixing the cause: finished parts are kept, missing parts are added."
		)
		raise SystemExit(1) from None
	finally:
		if not paused:
			update_site_config("pause_scheduler", "None")


def _load_demo_data():
	complete_setup_wizard()
	seed_platforms()
	seed_settings()
	# outgoing mail to a relay on this machine (README, "Reminders"), before any notice is sent
	demo_email_account()
	frappe.db.set_default("lang", "zh")
	frappe.db.set_single_value("System Settings", "language", "zh")
	# what the load writes in words (assignment comments, ToDo texts) in the school's language
	frappe.local.lang = "zh"
	frappe.db.set_single_value("System Settings", "time_zone", "Asia/Shanghai")
	if not frappe.db.exists("Organization Unit", {"unit_name": SCHOOL, "unit_type": "School"}):
		if frappe.db.exists("Organization Unit", {"unit_type": "School"}):
			print("This site already has another school in its tree; the demo is not loaded.")
			return
		demo = Demo()
		demo.build_tree()
		settings = frappe.get_single("Governance Settings")
		settings.institution_name = SCHOOL
		settings.institution_short_name = "示范财院"
		settings.propaganda_unit = demo.units["xcb"]
		settings.youth_league_unit = demo.units["tw"]
		settings.flags.ignore_permissions = True
		settings.save()
		demo.build_registers()
		demo.build_applications()
	demo = Demo()
	# every login has its role before anyone acts as it (the release is created as the Propaganda
	# Department, which on a fresh site xcb@ becomes only here)
	grant_role_logins(demo)
	# frappe.db.exists with a bare DocType returns None in v15: count the rows instead
	if not frappe.db.count("Publication Request"):
		demo.build_content()
	if not frappe.db.count("Change Report"):
		demo.build_change_reports()
	if not frappe.db.count("Violation"):
		demo.build_discipline()
	if not frappe.db.count("Group Change Request") and not frappe.db.count("Certification Application"):
		demo.build_requests()
	# a year of posts: accounts publishing, going quiet and dormant (Monitoring)
	load_posts()
	# the season's annual review as the scheduler opens it on its date (December): the campaign
	# and its reviews are there on a demo loaded in December, as on the school's own site
	from socialmedia_governance.review import campaign

	campaign.daily(run_now=True)
	frappe.db.commit()
	print_logins()


def print_logins():
	counts = {
		"units": frappe.db.count("Organization Unit"),
		"accounts": frappe.db.count("Social Media Account"),
		"groups": frappe.db.count("Social Media Group"),
	}
	print(
		f"Demo university {SCHOOL}: {counts['units']} units, {counts['accounts']} accounts, {counts['groups']} groups."
	)
	print(f"Log in at http://127.0.0.1:8000/login with password {DEMO_PASSWORD}:")
	for login, title, role in ROLE_LOGINS:
		email = f"{login}@{DOMAIN}"
		print(f"  {email:<26} {role:<22} {title}")
	print("  Administrator (the site's admin password)")
