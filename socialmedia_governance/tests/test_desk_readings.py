# Copyright (c) 2026, socialmedia_governance developers and contributors
"""What the desk shows reads right and agrees with itself (issue 15 items 8 and 9, issue 14 item 9):
workspace charts count what the cards count and label it as people say it, reports total only
quantities, every DocType with a print format of the app opens its print view on one, and
Frappe's own wrong Chinese strings that this app's users meet are overridden."""

import json
import re

import frappe
from frappe.tests.utils import FrappeTestCase

from socialmedia_governance.documents.print_defaults import app_print_formats, set_default_print_formats
from socialmedia_governance.policy import tiers
from socialmedia_governance.registry.dashboard_chart_source.count_by_field.count_by_field import get
from socialmedia_governance.tests.factories import make_account, make_active, make_school

SOURCE = "Count by Field"


def i18n_check():
	"""scripts/i18n_check.py, the extractor of the app's user-facing strings, as a module."""
	import importlib.util
	from pathlib import Path

	root = Path(frappe.get_app_path("socialmedia_governance")).parent
	spec = importlib.util.spec_from_file_location("i18n_check", root / "scripts" / "i18n_check.py")
	module = importlib.util.module_from_spec(spec)
	spec.loader.exec_module(module)
	return module


def app_modules():
	return frappe.get_all("Module Def", filters={"app_name": "socialmedia_governance"}, pluck="name")


class TestDeskReadings(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = s = make_school()
		for unit in ("kj", "xx", "kj_xsh"):
			make_active(make_account(s.units[unit]))
		make_account(s.units["kj"])  # a draft: counted neither by a card nor by a chart

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def test_every_workspace_chart_reads_as_people_say_it(self):
		"""Derived: every chart of the app that counts by a field (not a time series or a report's
		chart), whichever is added later, is drawn by the source."""
		charts = frappe.get_all(
			"Dashboard Chart",
			filters={"module": ("in", app_modules()), "timeseries": 0, "chart_type": ("!=", "Report")},
			fields=["name", "chart_type", "source"],
		)
		self.assertTrue(charts)
		frappe.local.lang = "zh"
		for chart in charts:
			self.assertEqual((chart.chart_type, chart.source), ("Custom", SOURCE), chart.name)
			data = get(chart_name=chart.name)
			values = data["datasets"][0]["values"]
			# never more than Frappe's widget draws, or it would add its own English "Rest" slice
			doc = frappe.get_doc("Dashboard Chart", chart.name)
			limit = doc.number_of_groups or (6 if doc.type in ("Pie", "Donut", "Percentage") else 9)
			self.assertLessEqual(len(values), limit, chart.name)
			self.assertTrue(all(isinstance(v, int) for v in values), chart.name)
			self.assertNotRegex(data["datasets"][0]["name"], r"[A-Za-z]{2}", chart.name)
			for label in data["labels"]:
				self.assertNotRegex(label, r"^\d+$", chart.name)  # never a bare "3 / 2 / 1"
				self.assertNotIn(label, ("Pending Report", "Reviewed", "Submitted", "Rest"), chart.name)

	def test_tier_chart_counts_what_the_tier_cards_count(self):
		frappe.local.lang = "zh"
		data = get(chart_name="Accounts by Tier")
		chart = dict(zip(data["labels"], data["datasets"][0]["values"], strict=True))
		cards = frappe.get_all(
			"Number Card",
			filters={"module": ("in", app_modules()), "document_type": "Social Media Account"},
			fields=["name", "filters_json"],
		)
		checked = 0
		for card in cards:
			filters = json.loads(card.filters_json or "[]")
			tier = next((f[3] for f in filters if f[1] == "tier"), None)
			if tier is None:
				continue
			count = frappe.db.count("Social Media Account", {f[1]: (f[2], f[3]) for f in filters})
			self.assertEqual(chart.get(frappe._(tiers.TIER_LABELS[int(tier)]), 0), count, card.name)
			checked += 1
		self.assertEqual(checked, 3)
		order = ["一级", "二级", "三级"]
		present = [label for label in chart if label in order]
		self.assertEqual(present, [label for label in order if label in present])
		self.assertIn("二级", present)

	def test_charts_count_only_the_rows_the_viewer_may_see(self):
		s = self.s
		frappe.set_user(s.u("xx_dean"))
		data = get(chart_name="Accounts by Tier")
		self.assertEqual(
			sum(data["datasets"][0]["values"]),
			frappe.db.count("Social Media Account", {"owner_unit": s.units["xx"], "status": "Active"}),
		)

	def test_s16_annual_review_progress_does_not_add_up_tiers(self):
		from socialmedia_governance.review.report.annual_review_progress.annual_review_progress import columns

		numeric = {"Int", "Float", "Currency", "Percent"}
		tier = [c for c in columns() if c["label"] == frappe._("Tier")]
		self.assertEqual(len(tier), 1)
		self.assertTrue(tier[0]["fieldtype"] not in numeric or tier[0].get("disable_total"))

	def test_h8_release_progress_does_not_call_unpublished_tasks_pending_approval(self):
		from socialmedia_governance.content.report.coordinated_release_progress.coordinated_release_progress import (
			columns,
		)

		frappe.local.lang = "zh"
		labels = [c["label"] for c in columns()]
		self.assertNotIn("待审批", labels)
		self.assertIn("尚未发布", labels)
		self.assertEqual(frappe._("Pending", context="Release Task"), "待发布")

	def test_every_doctype_with_an_app_print_format_opens_on_one(self):
		set_default_print_formats()
		formats = app_print_formats()
		self.assertTrue(formats)
		for doctype, names in formats.items():
			self.assertIn(frappe.get_meta(doctype).default_print_format, names, doctype)
		self.assertEqual(frappe.get_meta("Opening Application").default_print_format, "开设审批表")
		self.assertEqual(set_default_print_formats(), [])  # idempotent: nothing left to set

	def test_frappes_own_workspaces_are_kept_for_system_managers(self):
		"""Derived from the Workspace records: no person of the school who is not a System Manager
		finds a workspace outside the app's modules in the sidebar (Frappe's Build, Integrations,
		Tools, Users, Website), a System Manager still does, and one an administrator gave roles
		to is left to them."""
		from frappe.desk.desktop import get_workspace_sidebar_items

		from socialmedia_governance.setup.install import (
			frappe_workspaces,
			keep_frappe_workspaces_for_system_managers,
		)
		from socialmedia_governance.setup.records import ensure_user
		from socialmedia_governance.validation import app_modules

		ours = app_modules()
		keep_frappe_workspaces_for_system_managers()
		frappes = set(frappe_workspaces())
		self.assertTrue(frappes)

		def sidebar(user):
			frappe.set_user(user)
			try:
				return {p["name"]: p.get("module") for p in get_workspace_sidebar_items()["pages"]}
			finally:
				frappe.set_user("Administrator")

		checked = 0
		automatic = {"All", "Guest", "Desk User"}
		for key, user in self.s.users.items():
			roles = set(frappe.get_roles(user))
			if "System Manager" in roles or not roles - automatic:
				continue  # a person with no role of the app (the president) has no desk of it
			pages = sidebar(user)
			self.assertTrue(any(module in ours for module in pages.values()), key)
			self.assertEqual({name for name, module in pages.items() if module not in ours}, set(), key)
			checked += 1
		self.assertGreater(checked, 5)
		manager = ensure_user(f"sysmgr-{self.s.suffix}@test.example.com", "System Manager")
		self.assertLessEqual(frappes, set(sidebar(manager)))

		# an administrator shows Tools to everyone: the next migrate leaves it so
		tools = next(iter(sorted(frappes)))
		frappe.db.delete("Has Role", {"parenttype": "Workspace", "parent": tools})
		frappe.get_doc(
			{
				"doctype": "Has Role",
				"parenttype": "Workspace",
				"parentfield": "roles",
				"parent": tools,
				"role": "All",
			}
		).db_insert()
		frappe.clear_cache()
		self.assertEqual(keep_frappe_workspaces_for_system_managers(), [])
		self.assertIn(tools, sidebar(self.s.users[next(iter(self.s.users))]))
		frappe.db.delete("Has Role", {"parenttype": "Workspace", "parent": tools})
		self.assertEqual(keep_frappe_workspaces_for_system_managers(), [tools])

	def test_change_reports_and_coordinated_releases_have_different_prefixes(self):
		prefixes = {}
		for doctype in ("Change Report", "Coordinated Release"):
			autoname = frappe.get_meta(doctype).autoname
			prefixes[doctype] = re.match(r"format:([A-Z]+)-", autoname).group(1)
		self.assertNotEqual(prefixes["Change Report"], prefixes["Coordinated Release"])


class TestFrappeStringOverrides(FrappeTestCase):
	"""Frappe's own zh strings that users of this app meet, as the desk receives them."""

	def setUp(self):
		from frappe.translate import get_all_translations

		frappe.clear_cache()
		self.zh = get_all_translations("zh")

	def test_relative_times_are_minutes_hours_days_not_metres(self):
		# frappe/public/js/frappe/utils/pretty_date.js: "15米" read as fifteen metres
		for source, unit in (
			("{0} m", "分钟"),
			("{0} h", "小时"),
			("{0} d", "天"),
			("{0} w", "周"),
			("{0} M", "个月"),
			("{0} y", "年"),
		):
			self.assertEqual(self.zh.get(source), f"{{0}} {unit}", source)

	def test_known_wrong_frappe_strings_are_overridden(self):
		wrong = {
			"Sr": "锶",  # the Standard print's row number read as strontium
			"Jump to field": "跳到现场",
			"Total": "总",
			"Not allowed via controller permission check": None,
			"This form is not editable due to a Workflow.": None,
			"Invalid wkhtmltopdf version": None,
		}
		for source, bad in wrong.items():
			translated = self.zh.get(source)
			self.assertTrue(translated, source)
			self.assertNotEqual(translated, bad, source)
			self.assertNotRegex(translated.replace("PDF", ""), r"[A-Za-z]{3}", source)

	def test_context_rows_reach_the_desk(self):
		"""The desk's messages carry "source:context" keys for the csv's third column."""
		self.assertEqual(self.zh.get("Closed"), "已关闭")
		self.assertEqual(self.zh.get("Closed:Social Media Account"), "已注销")
		self.assertEqual(self.zh.get("Closed:Social Media Group"), "已注销")
		self.assertEqual(self.zh.get("Closed:ToDo"), "已完成")  # a finished ToDo is not 已注销

	def test_every_override_of_a_frappe_string_reaches_the_desk(self):
		"""Derived: each zh.csv row for a string the app does not own (an override of Frappe's)
		is what the desk receives, not Frappe's own translation."""
		import csv

		i18n = i18n_check()
		own = i18n.collect()
		with i18n.ZH.open(encoding="utf-8", newline="") as fh:
			overrides = [r for r in csv.reader(fh) if len(r) >= 2 and r[0] not in own]
		self.assertGreater(len(overrides), 50)
		for row in overrides:
			key = f"{row[0]}:{row[2]}" if len(row) > 2 and row[2] else row[0]
			self.assertEqual(self.zh.get(key), row[1], key)

	def test_every_string_of_frappes_navbar_and_search_bar_reads_in_chinese(self):
		"""Derived from Frappe's own sources: every ``__("…")`` of the navbar and search bar
		(frappe/public/js/frappe/ui/toolbar, met by every desk user on every page) has Chinese in
		what the desk receives. Only strings with nothing to translate are left: placeholders and
		signs alone, and Frappe's copyright line."""
		from pathlib import Path

		i18n = i18n_check()  # its own reading of __("…"), as it reads the app's JavaScript
		toolbar = Path(frappe.get_app_path("frappe", "public", "js", "frappe", "ui", "toolbar"))
		seen, missing = 0, []
		for path in sorted(toolbar.glob("*.js")):
			for match in i18n._JS_CALL.finditer(path.read_text(encoding="utf-8")):
				source = i18n._literal(match.group(1))
				words = re.sub(r"\{\d+\}|&\w+;", "", source)
				if not re.search(r"[A-Za-z]{2}", words) or "Frappe Technologies" in source:
					continue
				seen += 1
				if not self.zh.get(source):
					missing.append(f"{path.name}: {source}")
		self.assertGreater(seen, 20)
		self.assertEqual(missing, [])
