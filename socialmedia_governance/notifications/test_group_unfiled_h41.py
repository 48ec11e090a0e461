"""H4.1 in the reminders (issue 16): the reminder of groups that must be filed says when the group's
supervisor is not yet a member, the rule that stops its opening from being approved."""

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase

from socialmedia_governance.notifications import reminders
from socialmedia_governance.policy import reminder_rules
from socialmedia_governance.tests.factories import make_active, make_group, make_school


class TestUnfiledGroupReminderNamesH41(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.s = make_school()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_h4_1_the_unfiled_group_reminder_says_the_supervisor_must_join_first(self):
		s = self.s
		unit, owner = s.units["kj_class"], s.u("owner_kj")
		missing = make_active(make_group(unit, owner, member_count=120, supervisor_is_member=0), filed=False)
		joined = make_active(make_group(unit, owner, member_count=120, supervisor_is_member=1), filed=False)
		self.assertEqual(frappe.db.get_value("Social Media Group", missing.name, "supervisor_not_member"), 1)
		self.assertEqual(frappe.db.get_value("Social Media Group", joined.name, "supervisor_not_member"), 0)

		texts = {i.reference_name: i.text for i in reminders.group_unfiled(None) if i.recipient == owner}
		plain, unmet = reminder_rules.RULES["group_unfiled"].texts
		self.assertEqual(texts.get(joined.name), plain)
		self.assertEqual(texts.get(missing.name), unmet)
		self.assertIn("监管人已入群", _(unmet, lang="zh"))
