"""Rows the benchmarks write in bulk (generate.py, activity_bench.py, campaign_bench.py).

Every document row starts with the same columns (``BASE``: name, creation, modified, owner,
modified_by, docstatus), made by ``base_row``; ``insert_rows`` writes rows given as tuples (the
base, then a value per field) and ``insert_records`` rows given as dicts. Both hand
``frappe.db.bulk_insert`` the rows as they come, and it writes 10,000 a statement: a generator of
rows is never held in memory whole.

Statuses and sources are the app's own constants (``policy/platforms.py``, ``policy/posts.py``),
never spelled here or in a benchmark.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain

import frappe

from socialmedia_governance.policy import platforms, posts

BASE = ("name", "creation", "modified", "owner", "modified_by", "docstatus")
OWNER = "Administrator"

ACTIVE = platforms.ACTIVE
# a province's accounts by status, and their weights for random.choices (generate.py)
ACCOUNT_STATUSES = (platforms.ACTIVE, platforms.DRAFT, platforms.SUSPENDED, platforms.CLOSED)
ACCOUNT_STATUS_WEIGHTS = (90, 5, 2, 3)
IMPORTED = posts.IMPORT  # a post that came from a platform's export file


def base_row(name: str, now) -> tuple:
	"""The base columns of a new, saved (docstatus 0) document made by the Administrator."""
	return (name, now, now, OWNER, OWNER, 0)


def insert_rows(doctype: str, fields: Iterable[str], rows: Iterable[tuple]) -> None:
	"""Bulk insert ``rows``, each ``base_row(...)`` followed by one value per field of ``fields``."""
	frappe.db.bulk_insert(doctype, BASE + tuple(fields), rows)


def insert_records(doctype: str, now, records: Iterable[dict]) -> None:
	"""Bulk insert ``records``: dicts with a ``name`` and the same fields each, in the same order."""
	records = iter(records)
	first = next(records, None)
	if first is None:
		return
	fields = tuple(f for f in first if f != "name")
	insert_rows(
		doctype,
		fields,
		(base_row(r["name"], now) + tuple(r[f] for f in fields) for r in chain((first,), records)),
	)
