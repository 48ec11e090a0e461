"""Row-level access by tier, in one place (hooked as permission_query_conditions + has_permission).

Who sees which rows is decided by ``policy.access`` (pure); this module turns those scopes into
SQL that Frappe adds to every list, report and REST read, and into per-document checks.

A user's visible rows are the union of:
- head: anything owned inside the subtree of a unit the user heads (head or party secretary);
- counsellor / advisor: anything owned inside the classes / clubs the user counsels / advises;
- youth_league: anything owned inside a student organisation or club, anywhere (S15);
- administrator: platforms where the user is listed as an administrator;
- group_owner: groups the user owns.
Propaganda managers, auditors and system managers see everything.
"""

from __future__ import annotations

import json

import frappe
from frappe import _

from socialmedia_governance.policy import access, tiers
from socialmedia_governance.registry.people import acts_for, administrators

UNIT = "Organization Unit"

# DocTypes whose rows belong to an organisation unit directly, with the field that holds it.
OWNED_DOCTYPES = {
	"Social Media Account": "owner_unit",
	"Social Media Group": "owner_unit",
	"Opening Application": "owner_unit",
	"Annual Review": "owner_unit",
	"Closure Request": "owner_unit",
	"Certification Application": "owner_unit",
	"Change Report": "owner_unit",
	"Credential Custody": "owner_unit",
	"Group Change Request": "owner_unit",
	"Publication Request": "owner_unit",
	"Content Filing": "owner_unit",
	"Release Task": "owner_unit",
	"Incident": "owner_unit",
	"Violation": "owner_unit",
	"Published Post": "owner_unit",
	"Account Activity": "owner_unit",
	"Post Import": "owner_unit",
}
# Applications are also visible to their applicant and to everyone asked to approve a step.
APPLICATION_DOCTYPES = ("Opening Application", "Certification Application", "Publication Request")
# Records about one platform: visible to the platform's administrators and group owner.
# doctype -> the field naming the platform (its register is platform_doctype, or always accounts).
PLATFORM_RECORD_DOCTYPES = {
	"Annual Review": "platform_record",
	"Closure Request": "platform_record",
	"Opening Application": "platform_record",
	"Certification Application": "account",
	"Change Report": "platform_record",
	"Credential Custody": "platform_record",
	"Group Change Request": "group",
	"Publication Request": "account",
	"Content Filing": "account",
	"Release Task": "account",
	"Incident": "platform_record",
	"Published Post": "account",
	"Account Activity": "account",
	"Post Import": "account",
}
# Records also visible to the person named in a field (the reviewer, whoever reported it).
PERSON_FIELDS = {
	"Annual Review": ("reviewer",),
	"Incident": ("found_by",),
}

# The "platform" doctypes: rows that list their administrators in the child table.
ADMIN_CHILD = "Social Media Administrator"

_UNIT_FIELD_BY_SCOPE = {
	access.SCOPE_HEAD: ("head", "secretary"),
	access.SCOPE_COUNSELLOR: ("counsellor",),
	access.SCOPE_ADVISOR: ("advisor",),
}


def user_scopes(user: str | None = None) -> frozenset[str] | None:
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	return access.scopes_for(frappe.get_roles(user))


def scope_roots(user: str, scopes) -> list | None:
	"""The units whose subtree the user governs (name, unit_type, lft, rgt, personal: named in a
	person field rather than matched by the Youth League's unit types), or None when no scope of
	the user is a unit's subtree. Read by the indexed person fields (and the unit type): no
	self-join of the tree, which MariaDB cannot use an index for (seconds for a Youth League
	manager)."""
	personal = []
	for scope, fields in _UNIT_FIELD_BY_SCOPE.items():
		if scope in scopes:
			personal.extend(f"`{f}` = %(user)s" for f in fields)
	youth_league = access.SCOPE_YOUTH_LEAGUE in scopes
	if not personal and not youth_league:
		return None
	roots = []
	if personal:
		roots = frappe.db.sql(
			f"""select `name`, `unit_type`, `lft`, `rgt`, 1 as `personal`
			from `tab{UNIT}` where ({" or ".join(personal)}) and `lft` is not null""",
			{"user": user},
			as_dict=True,
		)
	if youth_league:
		roots.extend(student_roots())
	return roots


def student_roots() -> list:
	"""Every student organisation and club (S15) as a root (name None, personal 0). Read as one
	packed string, not as rows: a province has several hundred of them, and parsing them row by
	row in PyMySQL took more than half of a Youth League manager's list request (4.6 ms)."""
	packed = frappe.db.sql(
		f"""select group_concat(concat_ws(':', `lft`, `rgt`, `unit_type`) separator ',')
		from `tab{UNIT}` where `unit_type` in %(types)s and `lft` is not null""",
		{"types": tuple(sorted(tiers.STUDENT_TYPES))},
	)[0][0]
	roots = []
	for item in (packed or "").split(","):
		if item:
			lft, rgt, unit_type = item.split(":", 2)
			roots.append(frappe._dict(name=None, unit_type=unit_type, lft=int(lft), rgt=int(rgt), personal=0))
	return roots


def scope_ranges(user: str, scopes) -> list[tuple[int, int]] | None:
	"""The nested-set ranges ``(lft, rgt)`` of the units whose subtree the user governs (merged),
	or None when no scope of the user is a unit's subtree."""
	roots = scope_roots(user, scopes)
	return None if roots is None else access.merge_ranges((r.lft, r.rgt) for r in roots)


def ranges_sql(ranges: list[tuple[int, int]], column: str = "`lft`") -> str:
	"""``column`` within one of ``ranges`` (integers: nothing to escape); ``1=0`` for none."""
	return " or ".join(f"{column} between {int(lo)} and {int(hi)}" for lo, hi in ranges) or "1=0"


def visible_units_sql(user: str, scopes) -> str | None:
	"""SQL (a SELECT of unit names) for the units whose subtree the user governs, or None."""
	ranges = scope_ranges(user, scopes)
	if ranges is None:
		return None
	return f"select `name` from `tab{UNIT}` where {ranges_sql(ranges)}"


# Up to this many visible units are written into the condition as literals (owner_unit in ('a', …)):
# MariaDB then estimates the visible rows from the owner_unit index and either reads them and
# sorts (few rows) or walks the ``modified`` index and stops after one page (many rows). A
# sub-SELECT hides that estimate, and every visible row was sorted. MariaDB turns longer IN lists
# into a derived table (in_predicate_conversion_threshold, 1000), so past this a sub-SELECT stays.
LITERAL_UNITS_LIMIT = 900


def units_in(column: str, ranges: list[tuple[int, int]]) -> str:
	"""``column in (…)``: the units within ``ranges``, read now from the tree and written as
	literals (past ``LITERAL_UNITS_LIMIT``, the sub-SELECT itself)."""
	if not ranges:
		return "1=0"
	return names_in(column, f"select `name` from `tab{UNIT}` where {ranges_sql(ranges)}") or "1=0"


def names_in(column: str, select: str) -> str | None:
	"""``column in (…)`` for the names ``select`` (a SELECT of one column, over an indexed person
	field) gives now, written as literals: None when there are none. MariaDB cannot merge an
	index with a sub-SELECT inside an OR, so a sub-SELECT beside the owner unit's condition made
	every report over a register-linked DocType read the whole table; literals let it take the
	union of the two indexes. Past ``LITERAL_UNITS_LIMIT`` names the sub-SELECT itself.

	The names come back as one JSON array, not as rows: parsing the Youth League manager's 195
	unit names row by row in PyMySQL took 3.8–5 ms of every request, the array 1.4 ms."""
	packed = frappe.db.sql(
		f"with `found`(`name`) as ({select} limit {LITERAL_UNITS_LIMIT + 1})"
		" select json_arrayagg(`name`) from `found`"
	)[0][0]
	names = [name for name in json.loads(packed or "[]") if name is not None]
	if not names:
		return None
	if len(names) > LITERAL_UNITS_LIMIT:
		return f"{column} in ({select})"
	return f"{column} in ({', '.join(frappe.db.escape(n, percent=False) for n in names)})"


def in_subtrees(table: str, unit_field: str, ranges: list[tuple[int, int]]) -> str:
	"""The exact rule, evaluated per candidate row: the row's unit lies within ``ranges``. A scalar
	sub-SELECT (MariaDB caches it per unit), so it filters without steering the plan."""
	return (
		f"(select count(*) from `tab{UNIT}` u where u.`name` = {table}.`{unit_field}`"
		f" and ({ranges_sql(ranges, 'u.`lft`')})) > 0"
	)


def unit_scope_condition(
	table: str, doctype: str, user: str, scopes, scope_columns: bool = True
) -> str | None:
	"""The rows owned inside the subtrees the user governs (None: no such scope).

	A register with the scope columns (``access.SCOPE_FIELDS``, kept by the tree code) is read
	through them for the big scopes — a tier-2 unit's head (``scope_tier2 = unit``) and the Youth
	League (``scope_student = 1``) — with the exact subtree rule as well, so a column out of step
	can hide a row but never show one; MariaDB walks the (column, modified) index and stops after
	a page. Every other subtree (a class, a club, an internal office) is a short list of units.
	``scope_columns=False`` writes every scope as its list of units: an aggregate over all of a
	scope's rows reads them from an index led by the owner unit, where the columns' exact rule
	would be checked row by row."""
	roots = scope_roots(user, scopes)
	if roots is None:
		return None
	unit_field = OWNED_DOCTYPES[doctype]
	# the columns are written with every row of a register (registry/register.py db_insert and
	# db_update) and filled hourly for rows written by SQL (supervision.fill_missing_scopes)
	columns = scope_columns and all(frappe.get_meta(doctype).has_field(f) for f in access.SCOPE_FIELDS)
	if not columns:
		return units_in(f"{table}.`{unit_field}`", access.merge_ranges((r.lft, r.rgt) for r in roots))
	parts, listed = [], []
	if access.SCOPE_YOUTH_LEAGUE in scopes:
		student = access.merge_ranges((r.lft, r.rgt) for r in roots if r.unit_type in tiers.STUDENT_TYPES)
		parts.append(f"({table}.`{access.SCOPE_STUDENT}` = 1 and {in_subtrees(table, unit_field, student)})")
	for root in roots:
		if not root.personal:
			continue
		if root.unit_type in tiers.TIER_2_TYPES:
			parts.append(
				f"({table}.`{access.SCOPE_TIER2}` = {frappe.db.escape(root.name, percent=False)}"
				f" and {in_subtrees(table, unit_field, [(root.lft, root.rgt)])})"
			)
		else:
			listed.append((root.lft, root.rgt))
	if listed:
		parts.append(units_in(f"{table}.`{unit_field}`", access.merge_ranges(listed)))
	return "(" + " or ".join(parts) + ")" if parts else "1=0"


def owned_conditions(
	user: str | None, doctype: str, alias: str | None = None, scope_columns: bool = True
) -> str:
	"""The WHERE clause that limits ``doctype`` (an OWNED_DOCTYPES member) to what ``user`` may see."""
	parts = owned_parts(user, doctype, alias, scope_columns)
	if parts is None:
		return ""
	if not parts:
		return "1=0"
	return "(" + " or ".join(parts) + ")"


def owned_parts(
	user: str | None, doctype: str, alias: str | None = None, scope_columns: bool = True
) -> list[str] | None:
	"""``owned_conditions`` as its alternatives: a row is visible when any of them holds. None for
	a user the rules do not limit, [] for one who sees no row."""
	user = user or frappe.session.user
	scopes = user_scopes(user)
	if scopes is None:
		return None
	table = alias or f"`tab{doctype}`"
	esc = frappe.db.escape(user, percent=False)
	parts = []
	if units := unit_scope_condition(table, doctype, user, scopes, scope_columns):
		parts.append(units)
	if access.SCOPE_ADMINISTRATOR in scopes:
		parts.append(
			names_in(
				f"{table}.`name`",
				f"select a.`parent` from `tab{ADMIN_CHILD}` a"
				f" where a.`parenttype` = {frappe.db.escape(doctype)} and a.`user` = {esc}",
			)
		)
	if access.SCOPE_GROUP_OWNER in scopes and doctype == "Social Media Group":
		parts.append(f"{table}.`group_owner` = {esc}")
	for person_field in PERSON_FIELDS.get(doctype, ()):
		parts.append(f"{table}.`{person_field}` = {esc}")
	if ref := PLATFORM_RECORD_DOCTYPES.get(doctype):
		parts.append(
			names_in(
				f"{table}.`{ref}`", f"select a.`parent` from `tab{ADMIN_CHILD}` a where a.`user` = {esc}"
			)
		)
		parts.append(
			names_in(
				f"{table}.`{ref}`",
				f"select g.`name` from `tabSocial Media Group` g where g.`group_owner` = {esc}",
			)
		)
	parts = [part for part in parts if part]
	if doctype in APPLICATION_DOCTYPES:
		parts.append(f"{table}.`applicant` = {esc}")
		parts.append(
			f"{table}.`name` in (select s.`parent` from `tabApproval Step` s where s.`parenttype` = {frappe.db.escape(doctype)}"
			f" and locate(concat(char(10), {esc}, char(10)), concat(char(10), s.`approvers`, char(10))) > 0)"
		)
	return parts


def report_conditions(
	doctype: str, filters: dict, clauses: dict[str, str], base: str = "1=1", scope_columns: bool = True
):
	"""The WHERE clause and values of a Script Report over ``doctype`` (an OWNED_DOCTYPES member):
	``base``, the condition of every filter the viewer set (``clauses`` maps a filter's name to
	its SQL, which reads the value as ``%(name)s``) and the viewer's row-level conditions
	(``scope_columns``: see ``unit_scope_condition``). PermissionError for a viewer without read
	permission."""
	conditions, values = _report_filters(doctype, filters, clauses, base)
	if permission := owned_conditions(frappe.session.user, doctype, scope_columns=scope_columns):
		conditions.append(permission)
	return " and ".join(conditions), values


def report_parts(doctype: str, filters: dict, clauses: dict[str, str], base: str = "1=1"):
	"""``report_conditions``' rows as disjoint WHERE clauses, one per alternative of the viewer's
	row rule (``owned_parts``): each keeps the rows its alternative shows and no earlier one does.
	An aggregate added up over the parts (``reports.sum_of_parts``) is the aggregate over
	``report_conditions``' rows, and each part can be read from an index of its own columns: an
	OR of two columns can only be served by an index merge, which fetches every row."""
	conditions, values = _report_filters(doctype, filters, clauses, base)
	alternatives = owned_parts(frappe.session.user, doctype)
	if alternatives is None:
		return [" and ".join(conditions)], values
	parts = []
	for i, alternative in enumerate(alternatives):
		earlier = alternatives[:i]
		# a NULL column makes an earlier alternative NULL, not false: that row is not shown by it
		exclude = [f"not ifnull(({' or '.join(earlier)}), 0)"] if earlier else []
		parts.append(" and ".join([*conditions, alternative, *exclude]))
	return parts, values


def _report_filters(doctype: str, filters: dict, clauses: dict[str, str], base: str):
	if not frappe.has_permission(doctype, "read"):
		raise frappe.PermissionError
	conditions, values = [base], {}
	for key, condition in clauses.items():
		if filters.get(key):
			conditions.append(condition)
			values[key] = filters.get(key)
	return conditions, values


def owned_query(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of every OWNED_DOCTYPES member: hooks.py points them all here,
	and Frappe passes the DocType it lists (``DatabaseQuery.get_permission_query_conditions``)."""
	return owned_conditions(user, doctype)


def unit_in_scope(unit: str | None, user: str, scopes) -> bool:
	if not unit:
		return False
	ranges = scope_ranges(user, scopes)
	if not ranges:
		return False
	return bool(
		frappe.db.sql(f"select 1 from `tab{UNIT}` where `name` = %s and ({ranges_sql(ranges)})", unit)
	)


def owned_doc_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""has_permission for OWNED_DOCTYPES: the document must lie in the user's scope.

	The check runs on the document as it is in memory (so moving a record into someone else's
	unit is refused) and, for a saved record, on the stored row (so nobody can pull a record out
	of another unit by rewriting its owner unit or its administrators).
	"""
	user = user or frappe.session.user
	scopes = user_scopes(user)
	if scopes is None:
		return True
	if not _doc_in_scope(doc, user, scopes):
		return False
	if doc.is_new():
		return True
	condition = owned_conditions(user, doc.doctype)
	return bool(
		frappe.db.sql(f"select 1 from `tab{doc.doctype}` where `name` = %s and {condition}", doc.name)
	)


def _doc_in_scope(doc, user: str, scopes) -> bool:
	doctype = doc.doctype
	if doc.is_new() and not doc.get(OWNED_DOCTYPES[doctype]):
		return True  # a blank new form; validate() requires the owner unit before it is saved
	if unit_in_scope(doc.get(OWNED_DOCTYPES[doctype]), user, scopes):
		return True
	if (
		access.SCOPE_ADMINISTRATOR in scopes
		and user in administrators(doc)
		and doc.get(OWNED_DOCTYPES[doctype]) in administered_units(user)
	):
		return True  # an administrator works within the units of the platforms they run (S4)
	if (
		access.SCOPE_GROUP_OWNER in scopes
		and doctype == "Social Media Group"
		and doc.get("group_owner") == user
	):
		return True
	if any(doc.get(f) == user for f in PERSON_FIELDS.get(doctype, ())):
		return True
	if ref := PLATFORM_RECORD_DOCTYPES.get(doctype):
		register = doc.get("platform_doctype") or (
			"Social Media Group" if ref == "group" else "Social Media Account"
		)
		platform = frappe.get_doc(register, doc.get(ref)) if doc.get(ref) else None
		if platform and user in acts_for(platform):
			return True
	if doctype in APPLICATION_DOCTYPES:
		if not doc.is_new() and doc.get("applicant") == user:
			return True
		if any(user in (row.approvers or "").split("\n") for row in doc.get("steps") or []):
			return True
	return False


def administered_units(user: str) -> set[str]:
	"""The owner units of every platform that lists ``user`` as an administrator: the units an
	account administrator works for, and may register a new (draft) platform for (S4, H7.1)."""
	registers = frappe.get_all(
		"DocField",
		filters={"parenttype": "DocType", "fieldtype": "Table", "options": ADMIN_CHILD},
		pluck="parent",
	)
	union = " union ".join(
		f"select p.`{OWNED_DOCTYPES[r]}` from `tab{ADMIN_CHILD}` a join `tab{r}` p on p.`name` = a.`parent`"
		f" where a.`parenttype` = {frappe.db.escape(r)} and a.`user` = %(user)s"
		for r in registers
		if r in OWNED_DOCTYPES
	)
	return set(frappe.db.sql_list(union, {"user": user})) if union else set()


def recheck_scope(doc) -> None:
	"""Check a new record again once validate() has copied its owner unit from the platform.

	Frappe checks "create" before validate(), when a record that takes its unit from the platform
	has none yet; this closes that gap (a counsellor may not apply for another unit's account)."""
	if doc.flags.ignore_permissions or not doc.is_new():
		return
	if not owned_doc_permission(doc, "create", frappe.session.user):
		raise frappe.PermissionError(
			_("You may not create {0} for {1}.").format(_(doc.doctype), doc.get("owner_unit"))
		)


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""``frappe.client.get_count`` that respects row-level access.

	Frappe v15's version counts every row of the table whatever the caller may read, which
	would tell a counsellor how many accounts each unit runs. Hooked over the original."""
	from frappe.client import get_safe_filters

	frappe.has_permission(doctype, "read", throw=True)
	rows = frappe.get_list(doctype, filters=get_safe_filters(filters), fields=["count(*) as total"])
	return int(rows[0].total) if rows else 0


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""``frappe.desk.listview.get_group_by_count`` whose "assigned to" counts obey row-level access.

	Frappe v15 counts the ToDos of every record matching the filters, readable or not (and of any
	DocType with a record of that name), so the list sidebar would tell a counsellor who is
	working on another unit's records. The counted records are those of ``frappe.get_list``
	here; every other field goes to Frappe's own function, which already uses it."""
	from frappe.desk.listview import get_group_by_count as frappe_group_by_count

	if field == "owner":
		return owner_counts(doctype, frappe.parse_json(current_filters))
	if field != "assigned_to":
		return frappe_group_by_count(doctype, current_filters, field)
	frappe.has_permission(doctype, "read", throw=True)
	records = frappe.get_list(
		doctype, filters=frappe.parse_json(current_filters), fields=[f"`tab{doctype}`.`name`"], run=0
	)
	return frappe.db.sql(
		f"""select t.`allocated_to` as name, count(*) as count
		from `tabToDo` t join `tabUser` u on u.`name` = t.`allocated_to`
		where t.`status` != 'Cancelled' and u.`user_type` = 'System User'
			and t.`reference_type` = %s and t.`reference_name` in ({records})
		group by t.`allocated_to` order by count desc limit 50""",
		doctype,
		as_dict=True,
	)


def owner_counts(doctype: str, filters) -> list[dict]:
	"""The sidebar's "created by": Frappe v15's counts, the reader's own first, then the most
	records, 50 in all. Frappe sends every creator's count to Python and keeps 50 (thousands of
	rows for a province); here the database orders the creators and stops at 50."""
	frappe.has_permission(doctype, "read", throw=True)
	counts = frappe.get_list(
		doctype,
		filters=filters,
		group_by=f"`tab{doctype}`.`owner`",
		fields=["count(*) as count", "`owner` as name"],
		order_by="count desc",
		run=0,
	)
	return frappe.db.sql(
		f"select c.`count`, c.`name` from ({counts}) c order by c.`name` = %s desc, c.`count` desc limit 50",
		frappe.session.user,
		as_dict=True,
	)
