# Copyright (c) 2026, socialmedia_governance developers and contributors
"""Workflow bypass and reliability (issue 9), through the REST API as real users: direct writes
of workflow fields, self-approval, approving as the wrong resolved approver, replaying an old
request, and two approvers of the same step approving at the same moment (one wins)."""

import json
import threading
from urllib.parse import quote

import frappe
import requests
from frappe.model.workflow import apply_workflow
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client, get_url

from socialmedia_governance.filing.workflows import seed_workflows
from socialmedia_governance.tests.factories import api_token, make_account, make_active, make_school

PR = "Publication Request"


class TestWorkflowBypass(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		seed_workflows()
		cls.s = s = make_school()
		cls.acc = make_active(make_account(s.units["kj"], administrators=[{"user": s.u("admin_kj")}]))
		cls.tokens = {
			key: api_token(s.u(key)) for key in ("admin_kj", "kj_dean", "kj_sec", "xx_dean", "xcb_head")
		}
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")

	def pending_request(self, applicant="admin_kj", account=None):
		frappe.set_user(self.s.u(applicant))
		doc = frappe.get_doc(
			{
				"doctype": PR,
				"title": "关于调整教学安排的说明",
				"category": "Sensitive Issue",
				"content": "学院将调整下周教学安排。",
				"targets": [{"account": (account or self.acc).name}],
			}
		).insert()
		for row in doc.checklist:
			row.confirmed = 1
		doc.save()
		apply_workflow(doc.as_dict(), "Submit for Approval")
		frappe.set_user("Administrator")
		frappe.db.commit()  # the REST requests below run on their own connection
		return frappe.get_doc(PR, doc.name)

	def rest(self, method, path, user, **kwargs):
		client = get_test_client()
		return make_request(
			target=getattr(client, method),
			args=(path,),
			kwargs={"headers": {"Authorization": self.tokens[user]}, **kwargs},
		)

	def state(self, name):
		return frappe.db.get_value(PR, name, ["workflow_state", "current_step", "docstatus"], as_dict=True)

	def test_direct_writes_of_workflow_fields_are_refused(self):
		doc = self.pending_request()
		resolved = doc.current_approvers
		for user in ("admin_kj", "kj_dean"):
			for payload in (
				{"workflow_state": "Approved", "current_step": "Approved"},
				{"current_step": "Propaganda"},
				{"docstatus": 1},
				{"unresolved_hits": 0, "screening_justification": "自己批准"}
				if user == "admin_kj"
				else {"content": "改"},
			):
				response = self.rest("put", f"/api/resource/{quote(PR)}/{doc.name}", user, json=payload)
				self.assertIn(
					response.status_code, (403, 417), (user, json.dumps(payload, ensure_ascii=False))
				)
			# the approvers are recomputed from the tree on every save: writing them changes nothing
			self.rest(
				"put",
				f"/api/resource/{quote(PR)}/{doc.name}",
				user,
				json={"current_approvers": self.s.u(user)},
			)
			frappe.db.rollback()
			self.assertEqual(frappe.db.get_value(PR, doc.name, "current_approvers"), resolved)
		self.assertEqual(self.state(doc.name).current_step, "Supervisor")

	def test_self_approval_is_refused_even_for_an_approver(self):
		# the unit head applies on his own unit's account: he is not among the approvers of his request
		s = self.s
		acc = make_active(make_account(s.units["kj"], administrators=[{"user": s.u("kj_dean")}]))
		frappe.db.commit()
		doc = self.pending_request(applicant="kj_dean", account=acc)
		self.assertNotIn(s.u("kj_dean"), doc.current_approvers.split("\n"))
		response = self.rest(
			"post",
			"/api/method/frappe.model.workflow.apply_workflow",
			"kj_dean",
			json={"doc": doc.as_dict(convert_dates_to_str=True), "action": "Approve"},
		)
		self.assertIn(response.status_code, (403, 417))
		self.assertEqual(self.state(doc.name).current_step, "Supervisor")

	def test_the_wrong_resolved_approver_is_refused(self):
		doc = self.pending_request()
		for user in ("xx_dean", "xcb_head"):  # another college's head; Propaganda before its step
			response = self.rest(
				"post",
				"/api/method/frappe.model.workflow.apply_workflow",
				user,
				json={"doc": doc.as_dict(convert_dates_to_str=True), "action": "Approve"},
			)
			self.assertIn(response.status_code, (403, 417), user)
		self.assertEqual(self.state(doc.name).current_step, "Supervisor")

	def test_replaying_an_old_request_is_refused(self):
		doc = self.pending_request()
		old_modified = str(doc.modified)
		frappe.set_user(self.s.u("kj_dean"))
		current = frappe.get_doc(PR, doc.name)
		current.screening_justification = ""
		current.hits = []
		apply_workflow(current.as_dict(), "Approve")
		frappe.set_user("Administrator")
		frappe.db.commit()
		# the same save sent again with the modified timestamp it had before the approval
		response = self.rest(
			"put",
			f"/api/resource/{quote(PR)}/{doc.name}",
			"admin_kj",
			json={"modified": old_modified, "title": "重放的旧请求"},
		)
		self.assertIn(response.status_code, (403, 409, 417))
		self.assertEqual(frappe.db.get_value(PR, doc.name, "title"), "关于调整教学安排的说明")
		self.assertEqual(self.state(doc.name).current_step, "Propaganda")

	def test_concurrent_approvals_of_the_same_step_one_wins(self):
		base = get_url()
		try:
			requests.get(f"{base}/api/method/ping", timeout=5).raise_for_status()
		except requests.RequestException as err:
			self.skipTest(f"no web server for this site at {base} ({err}); scripts/test starts one")
		doc = self.pending_request()
		self.assertEqual(set(doc.current_approvers.split("\n")), {self.s.u("kj_dean"), self.s.u("kj_sec")})
		payload = {"doc": json.dumps(doc.as_dict(convert_dates_to_str=True)), "action": "Approve"}
		barrier = threading.Barrier(2)
		results = {}

		def approve(user):
			barrier.wait()
			response = requests.post(
				f"{base}/api/method/frappe.model.workflow.apply_workflow",
				headers={"Authorization": self.tokens[user]},
				data=payload,
				timeout=60,
			)
			results[user] = response.status_code

		threads = [threading.Thread(target=approve, args=(u,)) for u in ("kj_dean", "kj_sec")]
		for t in threads:
			t.start()
		for t in threads:
			t.join()
		self.assertEqual(sorted(results.values())[0], 200, results)
		self.assertNotEqual(sorted(results.values())[1], 200, results)
		frappe.db.rollback()
		final = frappe.get_doc(PR, doc.name)
		self.assertEqual(final.current_step, "Propaganda")
		approved = [r for r in final.steps if r.step == "Supervisor" and r.status == "Approved"]
		self.assertEqual(len(approved), 1)
		self.assertEqual(len(final.steps), 2)  # one Supervisor row, one Propaganda row: no double step
