"""Frappe side of tier and supervisor derivation: read the tree, call policy.tiers, write results.

Tier, supervisor and first responsible person are never typed: every account and group gets
them from its owner unit here (H3, S12), and they are refreshed when the tree changes.
"""

from __future__ import annotations

import frappe
from frappe import _

from socialmedia_governance import ui
from socialmedia_governance.policy import access, tiers
from socialmedia_governance.registry import tree
from socialmedia_governance.registry.settings import get_settings, site_lang

UNIT = "Organization Unit"
UNIT_FIELDS = (
	"name",
	"unit_name",
	"unit_type",
	"head",
	"secretary",
	"counsellor",
	"advisor",
	"parent_organization_unit",
	"lft",
	"rgt",
)
REGISTERS = ("Social Media Account", "Social Media Group")
SUPERVISION_FIELDS = (
	"tier",
	"tier2_unit",
	"supervisor",
	"supervisor_unit",
	"supervision_basis",
	"responsible_person",
)


class SupervisionError(frappe.ValidationError):
	pass


def to_unit(row) -> tiers.Unit:
	return tiers.Unit(
		name=row.name,
		unit_type=row.unit_type,
		head=row.head or None,
		secretary=row.secretary or None,
		counsellor=row.counsellor or None,
		advisor=row.advisor or None,
		parent=row.parent_organization_unit or None,
		title=row.unit_name,
	)


def unit_row(name: str):
	row = frappe.db.get_value(UNIT, name, list(UNIT_FIELDS), as_dict=True)
	if not row:
		frappe.throw(_("Organization Unit {0} does not exist.").format(ui.bold(name)), SupervisionError)
	return row


def ancestor_rows(row) -> list:
	"""Ancestors of a unit row, nearest first."""
	if not row.lft:
		# not yet placed in the nested set (inside the insert): walk up by parent links
		out, parent, seen = [], row.parent_organization_unit, set()
		while parent and parent not in seen:
			seen.add(parent)
			prow = unit_row(parent)
			out.append(prow)
			parent = prow.parent_organization_unit
		return out
	return frappe.get_all(
		UNIT,
		filters={"lft": ("<", row.lft), "rgt": (">", row.rgt)},
		fields=list(UNIT_FIELDS),
		order_by="lft desc",
	)


def tree_error_message(err: tiers.TreeError) -> str:
	unit = ui.bold(err.unit) if err.unit else ""
	if err.code == "no_supervisor":
		return _(
			"No supervisor can be derived: {0} has no head, counsellor or advisor set. Set it in the organisation tree first."
		).format(unit)
	if err.code == "unknown_type":
		return _("Unknown unit type {0}.").format(ui.bold(err.detail))
	return _("The organisation tree does not allow this ({0}).").format(err.code)


def derive_for_unit(owner_unit: str) -> tiers.Supervision:
	row = unit_row(owner_unit)
	settings = get_settings()
	propaganda = None
	if settings.propaganda_unit and settings.propaganda_unit != owner_unit:
		propaganda = to_unit(unit_row(settings.propaganda_unit))
	try:
		return tiers.derive(to_unit(row), [to_unit(r) for r in ancestor_rows(row)], propaganda)
	except tiers.TreeError as err:
		frappe.throw(tree_error_message(err), SupervisionError)


def basis_text(sup: tiers.Supervision) -> str:
	"""Why this person supervises, in the site's language (stored text, read by everyone)."""
	unit_name = frappe.db.get_value(UNIT, sup.supervisor_unit, "unit_name") or sup.supervisor_unit
	return _(tiers.BASIS_TEXT[sup.basis], lang=site_lang()).format(unit=unit_name)


def full_name(user: str | None) -> str | None:
	return frappe.db.get_value("User", user, "full_name") if user else None


def supervision_values(sup: tiers.Supervision) -> dict:
	"""The register fields derived from the tree (the names too: they are set after Frappe's
	fetch_from pass has run)."""
	return {
		"tier": sup.tier,
		"tier2_unit": sup.tier2_unit,
		"supervisor": sup.supervisor,
		"supervisor_name": full_name(sup.supervisor),
		"supervisor_unit": sup.supervisor_unit,
		"supervision_basis": basis_text(sup),
		"responsible_person": sup.responsible_person,
		"responsible_person_name": full_name(sup.responsible_person),
	}


def refresh_subtree(unit_name: str) -> int:
	"""Re-derive supervision for every account and group owned inside ``unit_name``'s subtree.

	One derivation per unit and one set-based UPDATE per unit and register, never a loop over
	accounts. Returns the number of units refreshed. Units whose supervisor cannot be derived
	(e.g. a class whose counsellor was just removed) keep their previous values.
	"""
	unit_row(unit_name)  # refused in the unit's words when it does not exist
	units = tree.subtree(unit_name)
	refresh_scopes(unit_name)
	refreshed = 0
	for name in units:
		try:
			values = supervision_values(derive_for_unit(name))
		except SupervisionError:
			frappe.clear_messages()
			continue
		for register in REGISTERS:
			table = frappe.qb.DocType(register)
			query = frappe.qb.update(table)
			for field, value in values.items():
				query = query.set(table[field], value)
			query.where(table.owner_unit == name).run()
		refreshed += 1
	return refreshed


# ------------------------------------------------------------------ row-level scope columns


def scope_registers() -> list[str]:
	"""The DocTypes that carry the scope columns (from their metadata: a DocType that gets the
	fields is kept in sync without being listed anywhere)."""
	return [
		d
		for d in frappe.get_all(
			"DocField", filters={"fieldname": access.SCOPE_TIER2, "parenttype": "DocType"}, pluck="parent"
		)
		if frappe.get_meta(d).has_field("owner_unit")
	]


def subtree_scopes(unit_name: str | None = None) -> dict[str, dict]:
	"""Scope columns for every unit of ``unit_name``'s subtree (the whole tree for None), from one
	read of the tree: unit → {scope_tier2, scope_student}."""
	fields = ["name", "unit_type", "lft", "rgt"]
	if unit_name:
		root = frappe.db.get_value(UNIT, unit_name, fields, as_dict=True)
		if not root or not root.lft:
			return {}
		rows = frappe.get_all(UNIT, filters={"lft": ("<", root.lft), "rgt": (">", root.rgt)}, fields=fields)
		rows += frappe.get_all(
			UNIT, filters=[["lft", ">=", root.lft], ["lft", "<=", root.rgt]], fields=fields, order_by="lft"
		)
	else:
		rows = frappe.get_all(UNIT, filters={"lft": ("is", "set")}, fields=fields, order_by="lft")
	rows.sort(key=lambda r: r.lft)
	out, stack = {}, []
	for row in rows:
		while stack and stack[-1].rgt < row.lft:
			stack.pop()
		stack.append(row)
		out[row.name] = access.scope_of([(r.name, r.unit_type) for r in reversed(stack)])
	if unit_name:
		root_lft = frappe.db.get_value(UNIT, unit_name, "lft")
		out = {r.name: out[r.name] for r in rows if r.lft >= root_lft}
	return out


def write_scopes(scopes: dict[str, dict], only_missing: bool = False) -> None:
	"""Write ``scopes`` (unit → scope columns) into every register with the scope columns: one
	UPDATE per register and distinct scope (in chunks of units), never a loop over records; rows
	already right are not written (with ``only_missing``, only rows without columns are)."""
	by_scope: dict[tuple, list[str]] = {}
	for unit, values in scopes.items():
		by_scope.setdefault((values[access.SCOPE_TIER2], values[access.SCOPE_STUDENT]), []).append(unit)
	stale = (
		f"`{access.SCOPE_TIER2}` is null"
		if only_missing
		else f"not (`{access.SCOPE_TIER2}` <=> %s and `{access.SCOPE_STUDENT}` <=> %s)"
	)
	registers = scope_registers()
	for (tier2, student), units in by_scope.items():
		for register in registers:
			for start in range(0, len(units), 500):
				values = (tier2, student, tuple(units[start : start + 500]))
				frappe.db.sql(
					f"""update `tab{register}` set `{access.SCOPE_TIER2}` = %s, `{access.SCOPE_STUDENT}` = %s
					where `owner_unit` in %s and {stale}""",
					values if only_missing else (*values, tier2, student),
				)


def refresh_scopes(unit_name: str | None = None) -> int:
	"""Set the scope columns of every record owned inside ``unit_name``'s subtree (the whole tree
	for None, daily and by the patch). Runs on every change of the tree that can move a record's
	scope (parent, unit type) and fills new columns. Returns the number of units."""
	scopes = subtree_scopes(unit_name)
	write_scopes(scopes)
	return len(scopes)


def fill_missing_scopes() -> int:
	"""Hourly: records written without the document layer (a bulk insert, SQL, a patch) get their
	scope columns — only the units that own such rows are looked at, through the column's index.
	Until then such a row is hidden from the scopes read through the columns, never shown to
	anyone else (permissions.unit_scope_condition). Returns the number of units written."""
	units = set()
	for register in scope_registers():
		units.update(
			frappe.db.sql_list(
				f"""select distinct `owner_unit` from `tab{register}`
				where `{access.SCOPE_TIER2}` is null and `owner_unit` is not null"""
			)
		)
	if not units:
		return 0
	# a row owned by the school itself rightly has no tier-2 unit: it stays null
	scopes = {
		unit: values
		for unit, values in subtree_scopes().items()
		if unit in units and values[access.SCOPE_TIER2]
	}
	write_scopes(scopes, only_missing=True)
	return len(scopes)


def set_scope(doc) -> None:
	"""A register's scope columns from its owner unit, set just before its row is written
	(``RegisteredPlatform.db_insert`` / ``db_update``: through save, or bare as imports and the
	isolation tests write rows)."""
	if not doc.meta.has_field(access.SCOPE_TIER2) or not doc.meta.has_field("owner_unit"):
		return
	unit = doc.get("owner_unit")
	values = {access.SCOPE_TIER2: None, access.SCOPE_STUDENT: 0}
	if unit and frappe.db.exists(UNIT, unit):
		row = unit_row(unit)
		values = access.scope_of([(r.name, r.unit_type) for r in (row, *ancestor_rows(row))])
	doc.update(values)


class ScopeColumns:
	"""A controller mixin: the row-level scope columns are written with the row itself, through
	save or without its hooks (a bare db_insert, as imports and the isolation tests do): a row
	without them would be hidden from the unit heads and the Youth League who read by them. The
	DocTypes that carry the columns are found from the metadata (``scope_registers``) and a site
	test checks a bare row of each (test_row_level_access)."""

	def db_insert(self, *args, **kwargs):
		set_scope(self)
		return super().db_insert(*args, **kwargs)

	def db_update(self):
		set_scope(self)
		return super().db_update()


def add_scope_indexes() -> None:
	"""(scope column, modified, owner unit, owner) on every register with the scope columns: a
	row-level list in the desk's default order reads one page of the index, and a count or the
	sidebar's "created by" counts read the index alone (the exact subtree check needs only the
	owner unit). Idempotent; replaces the index without ``owner`` that sites made before."""
	from socialmedia_governance.reports import drop_index

	for register in scope_registers():
		# a counsellor's or club advisor's single unit: its rows in the desk's order
		frappe.db.add_index(register, ["owner_unit", "modified"], index_name="owner_unit_modified")
		for field in access.SCOPE_FIELDS:
			frappe.db.add_index(
				register, [field, "modified", "owner_unit", "owner"], index_name=f"{field}_modified_owner"
			)
			drop_index(register, f"{field}_modified")
