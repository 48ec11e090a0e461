"""Filing numbers become unique, in each register and across both (issue 15).

Runs before the model sync adds the unique index, which MariaDB would refuse over duplicates:
blank numbers become NULL and stray spaces go; where a number is held more than once, the
record whose own approved opening application issued it keeps it (else the one filed first),
and every other holder gets the next free number of the series, with a note on its timeline
naming the number it had. The field's plain index goes: the unique index serves its look-ups."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate

from socialmedia_governance.filing.numbers import filing_registers, next_filing_number
from socialmedia_governance.registry.settings import site_lang


def execute():
	registers = filing_registers()
	for register in registers:
		# the plain index of the field carries the name the unique index is given: make room
		index = frappe.db.get_column_index(f"tab{register}", "filing_number", unique=False)
		if index and index.Key_name == "filing_number":
			frappe.db.sql_ddl(f"alter table `tab{register}` drop index `filing_number`")
		frappe.db.sql(
			f"""update `tab{register}` set `filing_number` = nullif(trim(`filing_number`), '')
			where `filing_number` is not null and `filing_number` != trim(`filing_number`)
				or `filing_number` = ''"""
		)
	holders = defaultdict(list)
	for register in registers:
		for row in frappe.db.sql(
			f"""select p.`name`, p.`filing_number`, p.`filed_on`, p.`creation`,
				exists(select 1 from `tabOpening Application` o where o.`platform_doctype` = %s
					and o.`platform_record` = p.`name` and o.`docstatus` = 1
					and o.`filing_number` = p.`filing_number`) as issued
			from `tab{register}` p where p.`filing_number` is not null""",
			register,
			as_dict=True,
		):
			holders[row.filing_number.lower()].append((register, row))
	lang = site_lang()
	for rows in holders.values():
		if len(rows) < 2:
			continue
		rows.sort(key=lambda r: (not r[1].issued, getdate(r[1].filed_on or r[1].creation), r[1].creation))
		for register, row in rows[1:]:
			number = next_filing_number(year=getdate(row.filed_on).year if row.filed_on else None)
			frappe.db.set_value(register, row.name, "filing_number", number, update_modified=False)
			frappe.get_doc(
				{
					"doctype": "Comment",
					"comment_type": "Info",
					"reference_doctype": register,
					"reference_name": row.name,
					"content": _(
						"Filing number {0} was held by another record as well; this record now has {1}.",
						lang=lang,
					).format(row.filing_number, number),
				}
			).insert(ignore_permissions=True)
