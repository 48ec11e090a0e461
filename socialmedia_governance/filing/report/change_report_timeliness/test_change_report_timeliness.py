# Copyright (c) 2026, socialmedia_governance developers and contributors
"""S13, H7.2: late change reports are counted per tier-2 unit, under row-level rules."""

import frappe
from frappe.utils import today

from socialmedia_governance.filing.report.change_report_timeliness.change_report_timeliness import execute
from socialmedia_governance.tests.base import SchoolTestCase
from socialmedia_governance.tests.factories import make_account, make_group

CR = "Change Report"


class TestChangeReportTimeliness(SchoolTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		s = cls.s
		kj = make_account(s.units["kj"])
		xx_group = make_group(s.units["xx_class"], s.u("fdy_xx"), member_count=40)
		# 会计学院: one late (the day before National Day 2025, due 2025-10-11), two on time, of
		# which a recorded supervisor change still awaits its password rotation
		cls.report(kj, s.u("kj_dean"), "Contact", "2025-09-30", new_value="0731-88880000")
		cls.report(kj, s.u("kj_dean"), "Contact", today(), new_value="0731-88881111")
		supervisor = cls.report(kj, s.u("kj_dean"), "Supervisor", today(), remarks="学院院长调整")
		frappe.set_user(s.u("xcb_head"))
		frappe.get_doc(CR, supervisor.name).submit()
		# 信息学院: a class group's late report, by its counsellor
		cls.report(xx_group, s.u("fdy_xx"), "Contact", "2026-02-13", "Social Media Group", new_value="0731-1")
		frappe.set_user("Administrator")

	@classmethod
	def report(
		cls, platform, user, change_type, event_date, platform_doctype="Social Media Account", **values
	):
		frappe.set_user(user)
		try:
			return frappe.get_doc(
				{
					"doctype": CR,
					"platform_doctype": platform_doctype,
					"platform_record": platform.name,
					"change_type": change_type,
					"event_date": event_date,
					**values,
				}
			).insert()
		finally:
			frappe.set_user("Administrator")

	def rows(self, user, **filters):
		"""{tier2_unit: (total, late, on_time, awaiting_rotation)} for this run's two colleges."""
		frappe.set_user(user)
		columns, data = execute(filters)
		self.assertEqual(
			{c["fieldname"] for c in columns}, {"tier2_unit", "total", "late", "on_time", "awaiting_rotation"}
		)
		ours = {self.s.units["kj"], self.s.units["xx"]}
		return {
			r.tier2_unit: (r.total, int(r.late), int(r.on_time), int(r.awaiting_rotation))
			for r in data
			if r.tier2_unit in ours
		}

	def test_s13_h7_2_late_reports_are_counted_per_unit(self):
		s = self.s
		self.assertEqual(
			self.rows(s.u("xcb_head")),
			{s.units["kj"]: (3, 1, 2, 1), s.units["xx"]: (1, 1, 0, 0)},
		)

	def test_h7_2_each_viewer_counts_only_the_rows_they_may_see(self):
		s = self.s
		self.assertEqual(self.rows(s.u("kj_dean")), {s.units["kj"]: (3, 1, 2, 1)})
		self.assertEqual(self.rows(s.u("fdy_xx")), {s.units["xx"]: (1, 1, 0, 0)})
		self.assertEqual(self.rows(s.u("fdy_kj")), {})  # no report concerns his class
		frappe.set_user(s.u("outsider"))
		self.assertRaises(frappe.PermissionError, execute, {})

	def test_h7_2_date_filters(self):
		s = self.s
		self.assertEqual(self.rows(s.u("xcb_head"), to_date="2025-12-31"), {s.units["kj"]: (1, 1, 0, 0)})
		self.assertEqual(
			self.rows(s.u("xcb_head"), from_date="2026-01-01", to_date=today()),
			{s.units["kj"]: (2, 0, 2, 1), s.units["xx"]: (1, 1, 0, 0)},
		)

	def test_h7_2_late_reports_only_lists_the_late_accounts_themselves(self):
		s = self.s
		frappe.set_user(s.u("xcb_head"))
		columns, data = execute({"late_only": 1, "tier2_unit": s.units["kj"]})
		self.assertIn("platform_title", {c["fieldname"] for c in columns})
		self.assertEqual(len(data), 1)  # 会计学院's one late report, not its counts
		row = data[0]
		self.assertEqual(str(row.event_date), "2025-09-30")
		self.assertGreater(row.days_late, 0)
		self.assertEqual(frappe.db.get_value(CR, row.name, "is_late"), 1)
		# under the viewer's rows: the counsellor of 信息2301班 sees only his class group's late report
		frappe.set_user(s.u("fdy_xx"))
		_columns, data = execute({"late_only": 1})
		self.assertEqual({r.tier2_unit for r in data}, {s.units["xx"]})
