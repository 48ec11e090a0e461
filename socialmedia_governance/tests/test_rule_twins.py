# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Where a rule is both a pure function (policy/, tested without a site) and set-based SQL (the
query that runs over 100k rows), the two give the same answers on the same rows (issue 18)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, get_datetime, getdate, now_datetime, today

from socialmedia_governance import permissions
from socialmedia_governance.content import jobs as content_jobs
from socialmedia_governance.content.doctype.coordinated_release.coordinated_release import target_condition
from socialmedia_governance.notifications import reminders
from socialmedia_governance.policy import access, content, groups, platforms
from socialmedia_governance.policy import review as review_rules
from socialmedia_governance.registry.people import platform_people
from socialmedia_governance.registry.settings import get_settings
from socialmedia_governance.review import campaign as campaigns
from socialmedia_governance.tests.factories import make_account, make_active, make_group, make_school

YEAR = 2033


class TestRuleTwins(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = s = make_school()
		admins = [{"user": s.u("admin_kj")}]
		cls.accounts = [
			make_active(make_account(s.units[key], administrators=admins)).name
			for key in ("school", "kj", "kj_class", "club", "kj_xsh", "xx_class")
		]
		cls.draft = make_account(s.units["kj"], administrators=admins).name
		cls.groups = [
			make_active(make_group(s.units["kj_class"], s.u("owner_kj"), member_count=80)).name,
			make_group(s.units["kj_class"], s.u("owner_kj"), member_count=80).name,
			make_group(s.units["xx_class"], s.u("owner_kj"), member_count=5).name,
			make_active(make_group(s.units["kj_class"], s.u("owner_kj"), member_count=8), filed=False).name,
		]

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_incident_overdue_sql_is_the_pure_rule(self):
		hours = get_settings().incident_handling_hours
		names = []
		for found_hours_ago, handled in ((0.5, False), (3 * 24, False), (25, False), (30, True)):
			found = add_to_date(now_datetime(), hours=-found_hours_ago)
			names.append(
				frappe.get_doc(
					{
						"doctype": "Incident",
						"platform_doctype": "Social Media Account",
						"platform_record": self.accounts[1],
						"found_on": found,
						"url": "https://mp.weixin.qq.com/s/twin",
						"handled_on": add_to_date(found, hours=1) if handled else None,
						"actions_taken": "删除" if handled else None,
						"description": "孪生规则",
					}
				)
				.insert(ignore_permissions=True)
				.name
			)
		now = now_datetime()
		incident = frappe.qb.DocType("Incident")
		by_sql = set(
			frappe.qb.from_(incident)
			.select(incident.name)
			.where(content_jobs.overdue(incident, now) & incident.name.isin(names))
			.run(pluck=True)
		)
		rows = frappe.get_all(
			"Incident", filters={"name": ("in", names)}, fields=["name", "status", "found_on", "handled_on"]
		)
		by_rule = {
			r.name
			for r in rows
			if r.status == content.INCIDENT_OPEN
			and content.incident_overdue(get_datetime(r.found_on), None, now, hours)
		}
		self.assertEqual(by_sql, by_rule)
		self.assertEqual(len(by_rule), 2)  # the open ones found three days and 25 hours ago

	def test_review_overdue_and_reviewer_by_tier_sql_are_the_pure_rules(self):
		name = campaigns.open_campaign(YEAR, run_now=True)
		reviews = frappe.get_all("Annual Review", filters={"campaign": name}, pluck="name", order_by="name")
		self.assertGreaterEqual(len(reviews), 4)
		day = getdate(today())
		for i, review in enumerate(reviews):
			frappe.db.set_value(
				"Annual Review",
				review,
				{
					"due_date": add_days(day, (-3, 0, 2, -1)[i % 4]),
					"status": "Submitted" if i % 3 == 0 else review_rules.PENDING_REPORT,
				},
			)
		table = frappe.qb.DocType("Annual Review")
		by_sql = set(
			frappe.qb.from_(table)
			.select(table.name)
			.where(campaigns.overdue(table, day) & (table.campaign == name))
			.run(pluck=True)
		)
		rows = frappe.get_all(
			"Annual Review",
			filters={"campaign": name},
			fields=[
				"name",
				"status",
				"due_date",
				"tier",
				"reviewer_kind",
				"platform_doctype",
				"platform_record",
			],
		)
		by_rule = {
			r.name
			for r in rows
			if review_rules.is_overdue(r.status != review_rules.PENDING_REPORT, getdate(r.due_date), day)
		}
		self.assertEqual(by_sql, by_rule)
		self.assertTrue(by_rule)
		reminded = {i.reference_name for i in reminders.review_overdue(reminders.Context(day, {}, 6))}
		# a reminder goes to the platform's people: reviews of platforms without any (other tests
		# commit such accounts to the site) have nobody to remind
		people = platform_people((r.platform_doctype, r.platform_record) for r in rows)
		reachable = {r.name for r in rows if people.get((r.platform_doctype, r.platform_record))}
		self.assertTrue(by_rule & reachable)
		self.assertEqual(reminded & set(reviews), by_rule & reachable)
		tier3_reviewer = get_settings().tier3_reviewer
		for r in rows:
			self.assertEqual(r.reviewer_kind, review_rules.reviewer_kind(r.tier, tier3_reviewer), r.name)

	def test_group_unfiled_sql_is_the_pure_rule(self):
		threshold = get_settings().group_filing_threshold
		rows = frappe.get_all(
			"Social Media Group",
			filters={"name": ("in", self.groups)},
			fields=["name", "member_count", "uses_school_name", "filing_number", "status"],
		)
		by_rule = {
			r.name
			for r in rows
			if r.status not in (platforms.CLOSED, platforms.UNDER_REVIEW)
			and groups.filing_overdue(r.member_count, threshold, r.uses_school_name, bool(r.filing_number))
		}
		day = getdate(today())
		by_sql = {i.reference_name for i in reminders.group_unfiled(reminders.Context(day, {}, 6))} & set(
			self.groups
		)
		self.assertEqual(by_sql, by_rule)
		self.assertTrue(by_rule)

	def test_subtree_ranges_sql_is_the_pure_rule(self):
		units = frappe.get_all("Organization Unit", fields=["name", "lft", "rgt"])
		bounds = {u.name: (u.lft, u.rgt) for u in units}
		for keys in (("kj",), ("kj", "tw"), ("kj_class", "kj"), ()):
			ranges = access.merge_ranges(bounds[self.s.units[k]] for k in keys)
			by_sql = set(
				frappe.db.sql_list(
					f"select `name` from `tabOrganization Unit` where {permissions.ranges_sql(ranges)}"
				)
			)
			by_rule = {u.name for u in units if access.in_ranges(u.lft, ranges)}
			self.assertEqual(by_sql, by_rule, keys)

	def test_release_targets_sql_is_the_pure_rule(self):
		s = self.s
		units = {u.name: u for u in frappe.get_all("Organization Unit", fields=["name", "lft", "rgt"])}
		accounts = frappe.get_all(
			"Social Media Account", fields=["name", "status", "tier", "owner_unit", "platform"]
		)

		def path(unit, with_ancestors):
			if not with_ancestors:
				return [unit]
			lft, rgt = units[unit].lft, units[unit].rgt
			return [n for n, u in units.items() if u.lft <= lft and u.rgt >= rgt]

		for tiers, unit_keys, subunits, platform_names in (
			((1, 2, 3), (), 0, ()),
			((2, 3), ("kj",), 1, ()),
			((2,), ("kj", "tw"), 0, ()),
			((1, 2, 3), ("kj",), 1, ("微信公众号",)),
		):
			doc = frappe.get_doc(
				{
					"doctype": "Coordinated Release",
					**{f"tier_{t}": 1 for t in tiers},
					"include_subunits": subunits,
					"units": [{"unit": s.units[k]} for k in unit_keys],
					"platforms": [{"platform": p} for p in platform_names],
				}
			)
			where, values = target_condition(doc)
			by_sql = set(
				frappe.db.sql_list(f"select a.`name` from `tabSocial Media Account` a where {where}", values)
			)
			target = content.ReleaseTarget(
				tiers=frozenset(tiers),
				units=frozenset(s.units[k] for k in unit_keys),
				platforms=frozenset(platform_names),
			)
			by_rule = {
				a.name
				for a in accounts
				if a.status == platforms.ACTIVE
				and target.matches(a.tier, path(a.owner_unit, subunits), a.platform)
			}
			self.assertEqual(by_sql, by_rule, (tiers, unit_keys, subunits))
			self.assertTrue(by_rule, (tiers, unit_keys, subunits))
