"""Province-scale data for benchmarks (issue 9), made with bulk inserts and reproducible from a seed.

    cd $BENCH_DIR/sites && ../env/bin/python /path/to/repo/bench/generate.py --site SITE \\
        [--seed 1] [--units 2000] [--accounts 100000] [--groups 500000]

On a site of its own (it refuses a site whose tree already has another school), it writes:
an organisation tree of ``--units`` units (a university with departments, colleges, classes,
student organisations and clubs, nested-set columns computed here), a head / counsellor / advisor
for every unit that needs one and a pool of account administrators (users with their roles),
``--accounts`` accounts with one administrator each, ``--groups`` chat groups, a year of change
reports, an annual review campaign with its reviews (created set-based by the app), publication
requests, violations and coordinated releases with their tasks. Every row is written with ``frappe.db.bulk_insert`` in chunks; the same seed
gives the same data. Re-running with the same seed adds only the parts a school made by an earlier
version lacks (``add_missing``).
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, datetime, timedelta

import frappe

# bench/rows.py, beside this file
from rows import ACCOUNT_STATUS_WEIGHTS, ACCOUNT_STATUSES, ACTIVE, base_row, insert_rows

from socialmedia_governance.policy import content, routes

UNIT = "Organization Unit"
ACCOUNT_PLATFORMS = ("微信公众号", "新浪微博", "抖音", "哔哩哔哩")
GROUP_PLATFORMS = ("QQ群", "微信群")
# publication requests: the categories that go to the Propaganda Department, and unit information
REQUEST_CATEGORIES = (
	content.MAJOR_EVENT,
	content.EMERGENCY,
	content.HOT_TOPIC,
	content.SENSITIVE,
	content.MAJOR_UNIT_INFO,
)
REQUEST_STEPS = (routes.SUPERVISOR, routes.PROPAGANDA, routes.APPROVED)


class Generator:
	def __init__(self, seed: int):
		self.seed = seed
		self.rng = random.Random(seed)
		self.now = frappe.utils.now()
		self.prefix = f"P{seed}"
		self.users: list[tuple] = []
		self.roles: list[tuple] = []

	def meta(self, name: str) -> tuple:
		return base_row(name, self.now)

	# ------------------------------------------------------------------ people
	def user(self, login: str, first_name: str, role: str) -> str:
		email = f"{login}@{self.prefix.lower()}.bench.example.com"
		self.users.append((*self.meta(email), email, first_name, 1, "System User", "zh"))
		self.roles.append((*self.meta(frappe.generate_hash(length=10)), email, "User", "roles", role))
		return email

	def write_users(self) -> None:
		insert_rows("User", ("email", "first_name", "enabled", "user_type", "language"), self.users)
		insert_rows("Has Role", ("parent", "parenttype", "parentfield", "role"), self.roles)

	# ------------------------------------------------------------------ tree
	def tree(self, n_units: int) -> list[dict]:
		"""A university: school → 30 offices/departments + colleges → classes, organisations, clubs."""
		school = {"name": f"{self.prefix}省示范大学", "unit_type": "School", "children": [], "tier": 1}
		units = [school]
		offices = [
			{
				"name": f"{self.prefix}职能部门{i:02d}",
				"unit_type": "Office" if i % 2 else "Department",
				"children": [],
				"tier": 2,
			}
			for i in range(30)
		]
		school["children"] += offices
		units += offices
		colleges = []
		remaining = n_units - len(units)
		per_college = 50  # a college with its classes, organisations and clubs
		for c in range(max(1, remaining // per_college)):
			college = {
				"name": f"{self.prefix}学院{c:03d}",
				"unit_type": "Secondary College",
				"children": [],
				"tier": 2,
			}
			colleges.append(college)
			school["children"].append(college)
			units.append(college)
			for k in range(per_college - 1):
				if len(units) >= n_units:
					break
				kind = "Class" if k < 44 else ("Student Organisation" if k < 46 else "Club")
				child = {
					"name": f"{college['name']}-{kind[:2]}{k:02d}",
					"unit_type": kind,
					"children": [],
					"tier": 3,
				}
				college["children"].append(child)
				units.append(child)
		# nested set, depth first
		counter = 0

		def number(node, parent, tier2):
			nonlocal counter
			counter += 1
			node["lft"], node["parent"], node["tier2"] = (
				counter,
				parent,
				tier2 or (node["name"] if node["tier"] == 2 else None),
			)
			for child in node["children"]:
				number(child, node["name"], node["tier2"])
			counter += 1
			node["rgt"] = counter

		number(school, None, None)
		for i, u in enumerate(units):
			role = {
				"Class": ("counsellor", "Counsellor"),
				"Club": ("advisor", "Club Advisor"),
				"Student Organisation": ("advisor", "Club Advisor"),
			}
			if u["tier"] <= 2:
				u["head"] = self.user(f"head{i}", f"负责人{i}", "Unit Head")
			elif u["unit_type"] in role:
				field, role_name = role[u["unit_type"]]
				u[field] = self.user(
					f"{field}{i}", f"{'辅导员' if field == 'counsellor' else '指导老师'}{i}", role_name
				)
		rows = [
			(
				*self.meta(u["name"]),
				u["name"],
				u["unit_type"],
				u["parent"],
				u["tier"],
				1 if u["children"] else 0,
				u.get("head"),
				u.get("counsellor"),
				u.get("advisor"),
				u["lft"],
				u["rgt"],
			)
			for u in units
		]
		insert_rows(
			UNIT,
			(
				"unit_name",
				"unit_type",
				"parent_organization_unit",
				"tier",
				"is_group",
				"head",
				"counsellor",
				"advisor",
				"lft",
				"rgt",
			),
			rows,
		)
		self.units = units
		return units

	def supervisor(self, unit: dict) -> str | None:
		by_name = self.by_name
		if unit["tier"] <= 2:
			return unit.get("head")
		return unit.get("counsellor") or unit.get("advisor") or by_name[unit["tier2"]].get("head")

	# ------------------------------------------------------------------ registers
	def accounts(self, n: int, n_admins: int) -> list[str]:
		admins = [self.user(f"media{i}", f"管理员{i}", "Account Administrator") for i in range(n_admins)]
		owners = self.units
		rows, admin_rows, names = [], [], []
		for i in range(n):
			unit = self.rng.choice(owners)
			name = f"{self.prefix}-SMA-{i:07d}"
			status = self.rng.choices(ACCOUNT_STATUSES, ACCOUNT_STATUS_WEIGHTS)[0]
			rows.append(
				(
					*self.meta(name),
					f"{unit['name']}账号{i}",
					self.rng.choice(ACCOUNT_PLATFORMS),
					f"{self.prefix.lower()}_acc_{i}",
					status,
					unit["name"],
					unit["tier"],
					unit["tier2"],
					self.supervisor(unit),
					f"XCB-{self.prefix}-{i}" if status == ACTIVE else None,
				)
			)
			admin_rows.append(
				(
					*self.meta(f"{name}-a"),
					name,
					"Social Media Account",
					"administrators",
					1,
					self.rng.choice(admins),
				)
			)
			names.append(name)
		insert_rows(
			"Social Media Account",
			(
				"account_name",
				"platform",
				"platform_id",
				"status",
				"owner_unit",
				"tier",
				"tier2_unit",
				"supervisor",
				"filing_number",
			),
			rows,
		)
		insert_rows(
			"Social Media Administrator", ("parent", "parenttype", "parentfield", "idx", "user"), admin_rows
		)
		return names

	def groups(self, n: int, n_owners: int) -> None:
		owners = [self.user(f"qunzhu{i}", f"群主{i}", "Group Owner") for i in range(n_owners)]
		classes = [u for u in self.units if u["unit_type"] == "Class"] or self.units
		rows = []
		for i in range(n):
			unit = self.rng.choice(classes)
			members = self.rng.choice((12, 30, 45, 48, 55, 80, 150, 400))
			filed = members >= 50 and self.rng.random() < 0.7
			rows.append(
				(
					*self.meta(f"{self.prefix}-SMG-{i:07d}"),
					f"{unit['name']}群{i}",
					self.rng.choice(GROUP_PLATFORMS),
					self.rng.choice(owners),
					ACTIVE,
					unit["name"],
					unit["tier"],
					unit["tier2"],
					self.supervisor(unit),
					members,
					1 if members >= 50 else 0,
					f"XCB-{self.prefix}-G{i}" if filed else None,
				)
			)
		insert_rows(
			"Social Media Group",
			(
				"group_name",
				"platform",
				"group_owner",
				"status",
				"owner_unit",
				"tier",
				"tier2_unit",
				"supervisor",
				"member_count",
				"filing_required",
				"filing_number",
			),
			rows,
		)

	def change_reports(self, accounts: list[str], n: int, year: int) -> None:
		rows = []
		start = date(year, 1, 1)
		for i in range(n):
			account = self.rng.choice(accounts)
			changed = start + timedelta(days=self.rng.randrange(330))
			reported = changed + timedelta(days=self.rng.choice((0, 1, 2, 3, 5, 9)))
			rows.append(
				(
					*self.meta(f"{self.prefix}-CR-{i:06d}"),
					"Social Media Account",
					account,
					self.rng.choice(("Account Name", "Administrator", "Contact")),
					changed,
					reported,
					changed + timedelta(days=5),
					1 if (reported - changed).days > 5 else 0,
				)
			)
		insert_rows(
			"Change Report",
			(
				"platform_doctype",
				"platform_record",
				"change_type",
				"event_date",
				"report_date",
				"due_date",
				"is_late",
			),
			rows,
		)
		frappe.db.sql(
			"""update `tabChange Report` r join `tabSocial Media Account` a on a.`name` = r.`platform_record`
			set r.`owner_unit` = a.`owner_unit`, r.`tier` = a.`tier`, r.`tier2_unit` = a.`tier2_unit`,
				r.`platform_title` = a.`account_name`, r.`completion_status` = 'Complete', r.`docstatus` = 1
			where r.`name` like %s""",
			f"{self.prefix}-CR-%",
		)

	def publication_requests(self, accounts: list[str], n: int) -> None:
		rows = []
		for i in range(n):
			account = self.rng.choice(accounts)
			rows.append(
				(
					*self.meta(f"{self.prefix}-PR-{i:06d}"),
					f"发布申请{i}",
					self.rng.choice(REQUEST_CATEGORIES),
					f"正文{i}：学校召开工作会议。",
					account,
					self.rng.choice(REQUEST_STEPS),
				)
			)
		insert_rows("Publication Request", ("title", "category", "content", "account", "current_step"), rows)
		# owner unit and tier from the account, set-based
		frappe.db.sql(
			"""update `tabPublication Request` r join `tabSocial Media Account` a on a.`name` = r.`account`
			set r.`owner_unit` = a.`owner_unit`, r.`tier` = a.`tier` where r.`name` like %s""",
			f"{self.prefix}-PR-%",
		)

	def releases(self, n: int, per_release: int, year: int) -> None:
		"""``n`` coordinated releases of the year, submitted, each to ``per_release`` of the active
		accounts, with their tasks as such a release ends: most published, some late, some overdue
		(a release whose deadline is still ahead: published or pending). A random source of its own
		(from the seed): the same releases whether made with the school or added to it later."""
		rng = random.Random(f"{self.seed}-releases")
		accounts = frappe.db.sql(
			"""select `name`, `account_name`, `platform`, `owner_unit`, `tier` from `tabSocial Media Account`
			where `status` = %s and `name` like %s order by `name`""",
			(ACTIVE, f"{self.prefix}-SMA-%"),
		)
		now = frappe.utils.now_datetime()
		releases, tasks = [], []
		for i in range(n):
			name = f"{self.prefix}-REL-{i:04d}"
			title = f"统一发布{i}：学校重要新闻"
			deadline = datetime(year, 1, 1, 18) + timedelta(days=rng.randrange(360))
			targets = rng.sample(accounts, min(per_release, len(accounts)))
			if deadline < now:
				choices, weights = (
					(content.TASK_PUBLISHED, content.TASK_PUBLISHED_LATE, content.TASK_OVERDUE),
					(80, 12, 8),
				)
			else:
				choices, weights = (content.TASK_PUBLISHED, content.TASK_PENDING), (40, 60)
			statuses = rng.choices(choices, weights, k=len(targets))
			published = sum(s in content.TASK_DONE for s in statuses)
			releases.append(
				(
					*self.meta(name),
					title,
					deadline,
					deadline - timedelta(days=2),
					"正文：请各单位账号统一转发。",
					1,
					1,
					len(targets),
					published,
					content.completion_rate(published, len(targets)),
				)
			)
			for j, ((account, account_name, platform, owner_unit, tier), status) in enumerate(
				zip(targets, statuses, strict=True)
			):
				at = None
				if status in content.TASK_DONE:
					late = status == content.TASK_PUBLISHED_LATE
					at = deadline + timedelta(hours=rng.randrange(1, 48) if late else -rng.randrange(1, 40))
				tasks.append(
					(
						*self.meta(f"{name}-{j:05d}"),
						name,
						title,
						deadline,
						status,
						account,
						account_name,
						platform,
						owner_unit,
						tier,
						at,
					)
				)
		insert_rows(
			"Coordinated Release",
			(
				"title",
				"deadline",
				"issued_on",
				"content",
				"tier_1",
				"tier_2",
				"targeted",
				"published",
				"completion_rate",
			),
			releases,
		)
		frappe.db.sql(
			"update `tabCoordinated Release` set `docstatus` = 1 where `name` like %s", f"{self.prefix}-REL-%"
		)
		insert_rows(
			"Release Task",
			(
				"release",
				"release_title",
				"deadline",
				"status",
				"account",
				"account_name",
				"platform",
				"owner_unit",
				"tier",
				"published_at",
			),
			tasks,
		)

	def violations(self, accounts: list[str], n: int, year: int) -> None:
		"""A year of decided violations (members warned) on random accounts."""
		from socialmedia_governance.discipline.categories import DEFAULT_CATEGORIES, seed_violation_categories

		seed_violation_categories()
		categories = [c[0] for c in DEFAULT_CATEGORIES if not c[2] and not c[4]]
		start = date(year, 1, 1)
		rows, persons = [], []
		for i in range(n):
			name = f"{self.prefix}-VIO-{i:06d}"
			day = start + timedelta(days=self.rng.randrange(330))
			rows.append(
				(
					*self.meta(name),
					"Social Media Account",
					self.rng.choice(accounts),
					self.rng.choice(categories),
					day,
					day,
					"违规情况",
				)
			)
			persons.append(
				(
					*self.meta(f"{name}-p"),
					name,
					"Violation",
					"persons",
					1,
					f"学生{i}",
					"Member",
					"Warning",
					"Warning",
				)
			)
		insert_rows(
			"Violation",
			("platform_doctype", "platform_record", "category", "found_on", "decided_on", "description"),
			rows,
		)
		insert_rows(
			"Violation Person",
			(
				"parent",
				"parenttype",
				"parentfield",
				"idx",
				"person_name",
				"role_in_platform",
				"proposed_penalty",
				"penalty",
			),
			persons,
		)
		frappe.db.sql(
			"""update `tabViolation` v join `tabSocial Media Account` a on a.`name` = v.`platform_record`
			set v.`owner_unit` = a.`owner_unit`, v.`tier` = a.`tier`, v.`platform_title` = a.`account_name`,
				v.`docstatus` = 1 where v.`name` like %s""",
			f"{self.prefix}-VIO-%",
		)


def generate(seed: int, units: int, accounts: int, groups: int, year: int = 2026) -> dict[str, float]:
	if frappe.db.exists(UNIT, {"unit_type": "School"}):
		name = frappe.db.get_value(UNIT, {"unit_type": "School"})
		if name != f"P{seed}省示范大学":
			raise SystemExit(f"this site already has a school ({name}): use a site of its own")
		print(f"{name} exists: the data of seed {seed} is there already")
		return add_missing(Generator(seed), accounts, year)
	g = Generator(seed)
	timings = {}
	t = time.perf_counter()
	g.user("tw0", "团委", "Youth League Manager")  # student organisations and clubs anywhere (S15)
	g.tree(units)
	g.by_name = {u["name"]: u for u in g.units}
	timings["units"] = time.perf_counter() - t
	t = time.perf_counter()
	names = g.accounts(accounts, max(1, accounts // 20))
	timings["accounts"] = time.perf_counter() - t
	t = time.perf_counter()
	g.groups(groups, max(1, groups // 10))
	timings["groups"] = time.perf_counter() - t
	t = time.perf_counter()
	g.write_users()
	timings["users"] = time.perf_counter() - t
	t = time.perf_counter()
	from socialmedia_governance.registry.supervision import refresh_scopes

	refresh_scopes()  # the row-level scope columns, as the tree code keeps them (set-based)
	timings["scope columns (set-based)"] = time.perf_counter() - t
	t = time.perf_counter()
	g.change_reports(names, max(1, accounts // 10), year)
	g.publication_requests(names, max(1, accounts // 20))
	g.violations(names, max(1, accounts // 100), year)
	timings["change reports, publication requests, violations"] = time.perf_counter() - t
	timings.update(add_missing(g, accounts, year))
	t = time.perf_counter()
	from socialmedia_governance.review.campaign import create_reviews

	campaign = frappe.get_doc({"doctype": "Annual Review Campaign", "year": year})
	campaign.flags.ignore_permissions = True
	campaign.insert()
	create_reviews(campaign.name)
	timings["annual reviews (set-based)"] = time.perf_counter() - t
	frappe.db.commit()
	return timings


def add_missing(g: Generator, accounts: int, year: int) -> dict[str, float]:
	"""The parts a school made by an earlier version of this script lacks (idempotent): coordinated
	releases, 40 of them to a fortieth of the accounts each."""
	timings = {}
	if not frappe.db.exists("Coordinated Release", {"name": ("like", f"{g.prefix}-REL-%")}):
		t = time.perf_counter()
		g.releases(40, max(1, accounts // 40), year)
		from socialmedia_governance.registry.supervision import fill_missing_scopes

		fill_missing_scopes()  # the tasks' row-level scope columns, as the hourly job fills them
		timings["coordinated releases and their tasks"] = time.perf_counter() - t
		frappe.db.commit()
	return timings


def main():
	parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--seed", type=int, default=1)
	parser.add_argument("--units", type=int, default=2000)
	parser.add_argument("--accounts", type=int, default=100_000)
	parser.add_argument("--groups", type=int, default=500_000)
	args = parser.parse_args()
	frappe.init(args.site)
	frappe.connect()
	try:
		timings = generate(args.seed, args.units, args.accounts, args.groups)
		for step, seconds in timings.items():
			print(f"{step:<40}{seconds:>10.1f} s")
		for doctype in (
			"Organization Unit",
			"User",
			"Social Media Account",
			"Social Media Group",
			"Change Report",
			"Annual Review",
			"Publication Request",
			"Violation",
			"Coordinated Release",
			"Release Task",
		):
			print(f"{doctype:<40}{frappe.db.count(doctype):>10}")
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main()
