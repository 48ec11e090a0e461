"""Base classes of the app's site tests: what every test class used to repeat in its own setUp.

``SchoolTestCase`` makes a school tree of its own once per class (``self.s``, see
``factories.make_school``), seeds the shipped workflows when the class sets ``workflows``, and ends
every test as the Administrator speaking English. Its helpers act as a real user: ``as_user`` runs
a function as that user, ``act`` applies a workflow action to a document of ``doctype`` and
``state`` reads where the workflow left it.

``CommittedRecordsTestCase`` is for classes whose records must be committed (REST requests read
them on their own connection): ``tearDownClass`` removes what they listed in ``cls.cleanup`` and
puts back the Single DocTypes they snapshotted in ``cls.singles``.
"""

from __future__ import annotations

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from socialmedia_governance.filing.workflows import seed_workflows
from socialmedia_governance.setup.records import as_user
from socialmedia_governance.tests.factories import make_school


class SchoolTestCase(FrappeTestCase):
	workflows = False  # seed the shipped workflows before the school is made
	doctype: str | None = None  # the DocType ``act`` and ``state`` work on

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		if cls.workflows:
			seed_workflows()
		cls.s = make_school()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"
		super().tearDown()

	def as_user(self, user: str, fn, *args, **kwargs):
		"""``fn(*args, **kwargs)`` run as ``user``; the session is the Administrator's again after."""
		return as_user(user, fn, *args, **kwargs)

	def act(self, doc, user: str, action: str):
		"""``user`` applies the workflow ``action`` to ``doc`` (a document or its name) as stored."""
		name = doc if isinstance(doc, str) else doc.name
		return self.as_user(
			user, lambda: apply_workflow(frappe.get_doc(self.doctype, name).as_dict(), action)
		)

	def state(self, doc):
		return frappe.db.get_value(
			self.doctype, doc.name, ["workflow_state", "current_step", "docstatus"], as_dict=True
		)


def remove_records(cleanup: list[tuple[str, str]]) -> None:
	"""Delete committed test records, the last made first (a campaign with its reviews)."""
	for doctype, name in reversed(cleanup):
		if doctype == "Annual Review Campaign":
			frappe.db.delete("Annual Review", {"campaign": name})
		frappe.db.delete(doctype, {"name": name})


def snapshot_single(doctype: str) -> dict:
	meta = frappe.get_meta(doctype)
	return {
		"Singles": frappe.db.sql("select * from `tabSingles` where `doctype` = %s", doctype, as_dict=True),
		**{
			df.options: frappe.db.sql(
				f"select * from `tab{df.options}` where `parent` = %s and `parenttype` = %s",
				(doctype, doctype),
				as_dict=True,
			)
			for df in meta.get_table_fields()
		},
	}


def restore_single(doctype: str, snapshot: dict) -> None:
	for table, rows in snapshot.items():
		if table == "Singles":
			frappe.db.delete("Singles", {"doctype": doctype})
		else:
			frappe.db.delete(table, {"parent": doctype, "parenttype": doctype})
		if rows:
			frappe.db.bulk_insert(table, list(rows[0]), [tuple(row.values()) for row in rows])
	frappe.clear_document_cache(doctype, doctype)


class CommittedRecordsTestCase(SchoolTestCase):
	cleanup: list[tuple[str, str]] = []
	singles: dict[str, dict] = {}

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"
		frappe.db.rollback()
		remove_records(cls.cleanup)
		for doctype, snapshot in cls.singles.items():
			restore_single(doctype, snapshot)
		frappe.db.commit()
		super().tearDownClass()
