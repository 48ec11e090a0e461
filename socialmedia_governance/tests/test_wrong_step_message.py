# Copyright (c) 2026, socialmedia_governance developers and contributors
"""S4 (issue 16): someone who acts on an approval step that is not theirs — the Propaganda
Department while the unit head decides — gets the app's clear message naming who may act, in
Chinese, through the same call the desk's workflow buttons make; never Frappe's generic
"不是有效的工作流程操作". The Workflow stays as an administrator configured it."""

import json

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client

from socialmedia_governance.filing.workflows import seed_workflows
from socialmedia_governance.tests.factories import api_token, make_account, make_school

OA = "Opening Application"


def shown(response) -> str:
	body = response.json or {}
	return " ".join(
		str(json.loads(m).get("message", "")) for m in json.loads(body.get("_server_messages") or "[]")
	)


class TestWrongStepMessage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		seed_workflows()
		cls.s = s = make_school()
		for key in ("xcb_head", "kj_dean"):
			user = frappe.get_doc("User", s.u(key))
			user.language = "zh"  # saved (not set_value), so Frappe's cached language follows
			user.save(ignore_permissions=True)
		cls.tokens = {key: api_token(s.u(key)) for key in ("xcb_head", "kj_dean")}
		acc = make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}])
		frappe.set_user(s.u("admin_kj"))
		app = frappe.get_doc(
			{
				"doctype": OA,
				"platform_doctype": "Social Media Account",
				"platform_record": acc.name,
				"reason": "学院新闻发布",
			}
		)
		app.insert()
		apply_workflow(app.as_dict(), "Submit for Approval")
		frappe.set_user("Administrator")
		cls.app = app.name
		frappe.db.commit()

	def act(self, key, action):
		return make_request(
			target=get_test_client().post,
			args=("/api/method/frappe.model.workflow.apply_workflow",),
			kwargs={
				"headers": {"Authorization": self.tokens[key]},
				# as the desk sends it: the document as JSON text
				# _lang: Frappe gives API-token requests the system language unless asked
				"json": {
					"doc": frappe.as_json(frappe.get_doc(OA, self.app).as_dict()),
					"action": action,
					"_lang": "zh",
				},
			},
		)

	def test_s4_propaganda_at_the_unit_heads_step_is_told_whose_step_it_is(self):
		self.assertEqual(frappe.db.get_value(OA, self.app, "current_step"), "Supervisor")
		dean = frappe.db.get_value("User", self.s.u("kj_dean"), "full_name")
		response = self.act("xcb_head", "Approve")
		self.assertEqual(response.status_code, 403)
		message = shown(response)
		self.assertIn("环节只能由", message)
		self.assertIn(dean, message)
		self.assertNotIn("不是有效的工作流程操作", message)
		# the message only: no server traceback for the browser's console (setup.install)
		self.assertNotIn("Traceback", response.get_data(as_text=True))
		self.assertNotIn("exc", response.json)
		frappe.db.rollback()  # read what the request committed
		self.assertEqual(frappe.db.get_value(OA, self.app, "current_step"), "Supervisor")

	def test_s4_the_steps_approver_goes_on(self):
		response = self.act("kj_dean", "Approve")
		self.assertEqual(response.status_code, 200, shown(response))
		frappe.db.rollback()  # read what the request committed
		self.assertEqual(frappe.db.get_value(OA, self.app, "current_step"), "Propaganda")
