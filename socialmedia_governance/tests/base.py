"""Base classes of the app's site tests: what every test class used to repeat in its own setUp.

``SchoolTestCase`` makes a school tree of its own once per class (``self.s``, see
``factories.make_school``), seeds the shipped workflows when the class sets ``workflows``, and ends
every test as the Administrator speaking English. Its helpers act as a real user: ``as_user`` runs
a function as that user, ``act`` applies a workflow action to a document of ``doctype`` and
``state`` reads where the workflow left it.

``CommittedRecordsTestCase`` is for classes whose records must be committed (REST requests read
them on their own connection): ``tearDownClass`` removes what they listed in ``cls.cleanup`` and
puts back the Single DocTypes they snapshotted in ``cls.singles``.

The functions below are what several test modules build the same way: a record about a platform
(``on_platform``, ``contact_change``), a WeChat original id, an opening application taken through
every step (``filed_opening_application``, ``filed_student_union_account``) and the text of a
printed PDF (``pdf_text``, ``norm``).
"""

from __future__ import annotations

import io
import unicodedata

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today
from pypdf import PdfReader

from socialmedia_governance.filing.workflows import seed_workflows
from socialmedia_governance.setup.records import as_user
from socialmedia_governance.tests.factories import make_account, make_school


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


OA = "Opening Application"
# radicals that NFKC leaves alone but PDF text extraction returns for common characters
RADICALS = str.maketrans({"\u2ec5": "见", "\u2ed8": "青", "\u2ee2": "马"})


def norm(text: str) -> str:
	"""CJK compatibility forms folded (PDF extraction returns ⽹ for 网, ( for （), blanks dropped."""
	return "".join(unicodedata.normalize("NFKC", text).translate(RADICALS).split())


def pdf_text(pdf: bytes) -> str:
	"""The text of a PDF as ``norm`` folds it."""
	return norm("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def wechat_id() -> str:
	"""A fresh WeChat original id (gh_ and 12 hex digits)."""
	letters = str.maketrans("ghijklmnopqrstuvwxyz", "0123456789abcdef0123")
	return "gh_" + frappe.generate_hash(length=12).lower()[:12].translate(letters)


def on_platform(platform, doctype: str, **values) -> dict:
	"""The fields of a new ``doctype`` record about ``platform`` (an account or a group)."""
	return {
		"doctype": doctype,
		"platform_doctype": platform.doctype,
		"platform_record": platform.name,
		**values,
	}


def contact_change(platform, new_value: str, **values) -> dict:
	"""A Change Report of yesterday's new contact (010-1 → ``new_value``) of ``platform``."""
	return on_platform(
		platform,
		"Change Report",
		change_type="Contact",
		event_date=add_days(today(), -1),
		old_value="010-1",
		new_value=new_value,
		**values,
	)


def filed_opening_application(s, account, reason: str):
	"""The opening application of the student union's ``account``, made by admin_kj and approved by
	its advisor, the Youth League and the Propaganda Department (the account is then filed)."""
	app = as_user(s.u("admin_kj"), lambda: frappe.get_doc(on_platform(account, OA, reason=reason)).insert())
	for user, action in (
		(s.u("admin_kj"), "Submit for Approval"),
		(s.u("xsh_teacher"), "Approve"),
		(s.u("tw_head"), "Approve"),
		(s.u("xcb_head"), "Approve"),
	):
		as_user(user, lambda a=action: apply_workflow(frappe.get_doc(OA, app.name).as_dict(), a))
	app.reload()
	return app


def filed_student_union_account(s, account_name: str, purpose: str, reason: str):
	"""What the opening forms print: the institution's name (测试财经学院), the student union's WeChat
	account ``account_name`` with admin_kj its chief administrator, and its opening application taken
	through every step. Returns the account and the application, as stored."""
	settings = frappe.get_single("Governance Settings")
	settings.institution_name = "测试财经学院"
	settings.save()
	account = make_account(
		s.units["kj_xsh"],
		account_name,
		platform_id=wechat_id(),
		purpose=purpose,
		administrators=[
			{"user": s.u("admin_kj"), "admin_role": "Chief Administrator", "phone": "13800000000"}
		],
	)
	app = filed_opening_application(s, account, reason)
	account.reload()
	return account, app


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
