"""Filing numbers (备案号, S4, H7.1): one series per prefix and year, shared by every register.

A number is ``<prefix>-<year>-<sequence>`` with the sequence padded to four digits
(``XCB-2026-0007``). The series never hands out a number already used — by either register, by
an import of a school's existing numbers, or by a number typed with another padding
(``XCB-2026-7`` is the same filing as ``XCB-2026-0007``).
"""

from __future__ import annotations

from collections.abc import Iterable

DIGITS = 4


def series_key(prefix: str, year: int) -> str:
	"""The key of the series (also its row in Frappe's ``tabSeries``): ``XCB-2026-``."""
	return f"{prefix}-{year}-"


def format_number(key: str, sequence: int) -> str:
	return f"{key}{sequence:0{DIGITS}d}"


def sequence_of(key: str, number: str | None) -> int | None:
	"""The sequence of ``number`` in the series ``key``, or None if it belongs to another series."""
	number = (number or "").strip()
	if not number.startswith(key):
		return None
	tail = number[len(key) :]
	return int(tail) if tail.isascii() and tail.isdigit() else None


def next_free(key: str, current: int, used: Iterable[str]) -> int:
	"""The first sequence after ``current`` that no number in ``used`` already holds."""
	taken = {s for s in (sequence_of(key, n) for n in used) if s is not None}
	sequence = max(current, 0) + 1
	while sequence in taken:
		sequence += 1
	return sequence
