"""Every user-facing string ships with a Simplified Chinese translation."""

import csv
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("i18n_check", ROOT / "scripts" / "i18n_check.py")
i18n = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n)


def test_every_string_has_a_zh_translation():
	assert i18n.collect(), "the extractor found no strings at all"
	assert i18n.missing() == []


def test_zh_csv_is_well_formed_and_keeps_placeholders():
	with i18n.ZH.open(encoding="utf-8", newline="") as fh:
		rows = list(csv.reader(fh))
	# one row per source string and context (Frappe reads the third column as the context)
	keys = [(r[0], r[2] if len(r) > 2 else "") for r in rows]
	assert len(keys) == len(set(keys)), "duplicate source strings in zh.csv"
	for row in rows:
		assert len(row) in (2, 3), row
		source, target = row[0], row[1]
		assert target.strip(), source
		assert sorted(re.findall(r"\{\d*\}", source)) == sorted(re.findall(r"\{\d*\}", target)), source
		assert sorted(re.findall(r"\{[a-z_]+\}", source)) == sorted(re.findall(r"\{[a-z_]+\}", target)), (
			source
		)


def test_extractor_sees_labels_options_and_messages():
	strings = i18n.collect()
	for expected in (
		"Organization Unit",
		"Supervisor",
		"Secondary College",
		"Unit Head",
		"Please enter the name.",
	):
		assert expected in strings


def test_no_user_facing_literal_skips_translation():
	"""A label, title or message written as a bare literal in the app's JS, or thrown from Python
	without _(), is never translated: it must be wrapped (and then has a zh row, checked above)."""
	assert i18n.unwrapped() == []


def test_unwrapped_check_sees_bare_literals():
	assert i18n._JS_BARE.search('fields: [{ label: "Printer", fieldtype: "Select" }]')
	assert not i18n._JS_BARE.search('{ label: __("Printer") }')
	assert i18n._PY_BARE.search('frappe.throw("Not allowed here")')
	assert not i18n._PY_BARE.search('frappe.throw(_("Not allowed here"))')
	assert not i18n._PY_BARE.search('frappe.throw("<br>".join(messages))')


def test_context_rows_do_not_count_as_the_plain_translation():
	"""A row with a context (Closed → 已注销 for a platform) must not stand in for the plain string."""
	zh = i18n.load_zh()
	assert zh.get("Closed") == "已关闭"


# A clause id of the two regulations (S4, H4.1, H10.1–H10.3 …: docs/traceability.md's numbering).
CLAUSE_ID = re.compile(r"\b[SH]\d{1,2}(?:\.\d)?\b")


def test_no_string_the_desk_shows_carries_a_clause_id():
	"""Clause ids are the project's references, not words for the people at the desk: a school
	runs under one of the two regulations, and "(H8)" under an empty list or "H4.1 unmet" in a
	refusal meant nothing to its staff. Every string the app shows (labels, descriptions, section
	titles, messages, as the extractor finds them) and every Chinese translation is free of them;
	the code, its tests and docs/traceability.md keep the references."""
	strings = i18n.collect()
	assert len(strings) > 500
	assert sorted(s for s in strings if CLAUSE_ID.search(s)) == []
	with i18n.ZH.open(encoding="utf-8", newline="") as fh:
		assert [r for r in csv.reader(fh) if r and CLAUSE_ID.search(r[1])] == []


def test_the_clause_id_pattern_finds_the_ids_it_is_meant_to():
	for text in ("(H8)", "(S16, H7.3)", "H4.1 unmet", "（H10.1、S18）"):
		assert CLAUSE_ID.search(text), text
	for text in ("H5N1 不是条款", "第8条", "Shanghai", "SH8X"):
		assert not CLAUSE_ID.search(text), text
