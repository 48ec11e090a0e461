"""Working-day arithmetic on China's official calendar (S13, H7.2).

Pure rules: no ``frappe`` import.

S13   a change of an account's name, administrators, supervisor or contact person must be
      reported to the Propaganda Department;
H7.2  ... within N working days of the change (N comes from the settings, default 3).

"Working day" means the official calendar published each year by the State Council: public
holidays are not working days, and the 调休 make-up days (weekend days declared working days)
are. The calendar comes from the PyPI library ``chinesecalendar`` (import name
``chinese_calendar``), which only knows the years it ships data for; see :func:`known_years`.

Outside those years nothing is guessed silently:

* the caller may hand in *exceptions* (admin-entered dates, each ``(date, is_working_day,
  note)``) which override the library, e.g. a school closure day or an extra working day, or
  the dates of a year the installed library does not know yet;
* a year listed in *covered_years* is one whose calendar the admin has entered completely as
  exceptions; the remaining days of that year follow the plain Monday-Friday rule;
* any other date in an unknown year raises :class:`CalendarUnknown` in strict mode, or, in
  non-strict mode, falls back to Monday-Friday and is reported by a warning code
  (``"outside_known_years:<year>"``).

Counting (H7.2): the day of the change itself does not count; the deadline is the N-th working
day *after* it, and a report on that day is on time. ``n == 0`` means "the same day".
"""

from __future__ import annotations

import datetime as _dt
import warnings as _warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import chinese_calendar
from chinese_calendar import constants as _cc_constants

DEFAULT_REPORT_WORKING_DAYS = 3
"""H7.2: default N when the settings do not say otherwise."""

MIN_WORKING_DAYS = 0
MAX_WORKING_DAYS = 60
"""Bounds accepted for N (H7.2 setting); anything else is a configuration error."""

OUTSIDE_KNOWN_YEARS = "outside_known_years"
"""Warning code prefix: a day of this year was judged by the Monday-Friday fallback."""

_MAX_NON_WORKING_RUN = 366
"""Safety stop: no official calendar has a year-long run of non-working days."""


class CalendarUnknown(ValueError):
	"""The official calendar of ``date``'s year is unknown (S13, H7.2).

	Raised when a date lies outside the years the installed ``chinesecalendar`` knows, no
	exception covers the date, and its year is not in ``covered_years``.

	Attributes:
	        date: the date that could not be judged.
	        known_years: ``(first, last)`` years the library knows, inclusive.
	"""

	def __init__(self, date: _dt.date, known: tuple[int, int]) -> None:
		self.date = date
		self.known_years = known
		super().__init__(
			f"No official working-day calendar for {date.isoformat()}: chinesecalendar "
			f"{_library_version()} knows only the years {known[0]}-{known[1]}. Enter the "
			f"{date.year} holidays and make-up working days as calendar exceptions and mark "
			f"{date.year} as covered, or upgrade chinesecalendar."
		)


class OutsideKnownYearsWarning(UserWarning):
	"""Emitted by the non-strict date-returning helpers when the Monday-Friday fallback was used."""


@dataclass(frozen=True)
class CalendarException:
	"""One admin-entered override of the official calendar (S13, H7.2).

	``is_working_day`` True makes the date a working day (an extra working day), False makes it
	a non-working day (e.g. a school closure day).
	"""

	date: _dt.date
	is_working_day: bool
	note: str = ""


@dataclass(frozen=True)
class Deadline:
	"""The H7.2 reporting deadline of an S13 change.

	``due`` is the last day on which the report is on time. ``warnings`` holds stable codes
	such as ``"outside_known_years:2027"`` (sorted, one per year) when part of the count used
	the Monday-Friday fallback; an empty tuple means the date is fully backed by the official
	calendar (or by admin-entered data).
	"""

	due: _dt.date
	warnings: tuple[str, ...] = ()

	@property
	def is_certain(self) -> bool:
		"""True when no day of the count was guessed by the Monday-Friday fallback."""
		return not self.warnings


ExceptionsInput = Mapping[_dt.date, Any] | Iterable[CalendarException | tuple | Mapping[str, Any]] | None
"""Accepted shapes for *exceptions*; see :func:`normalise_exceptions`."""


# --- library facts ---------------------------------------------------------------------------


def _library_version() -> str:
	return str(getattr(chinese_calendar, "__version__", "unknown"))


@lru_cache(maxsize=1)
def known_years() -> tuple[int, int]:
	"""``(first, last)`` years (inclusive) for which ``chinesecalendar`` has official data.

	Derived exactly as the library validates its input (``chinese_calendar.utils``): from the
	first and last year of its holiday table ``chinese_calendar.constants.holidays``. Inside
	this range every day is answered by the library; outside it the library would raise.
	"""
	years = [d.year for d in _cc_constants.holidays]
	return min(years), max(years)


def is_known_year(year: int) -> bool:
	"""True when the installed library holds the official calendar of *year*."""
	first, last = known_years()
	return first <= year <= last


# --- input validation ------------------------------------------------------------------------


def _as_date(value: Any, name: str = "date") -> _dt.date:
	"""Return *value* as a ``datetime.date`` (a ``datetime`` is cut to its date)."""
	if isinstance(value, _dt.datetime):
		return value.date()
	if isinstance(value, _dt.date):
		return value
	raise TypeError(f"{name} must be a datetime.date, not {type(value).__name__}: {value!r}")


def _check_n(n: Any) -> int:
	"""H7.2: N must be an int in 0..60."""
	if isinstance(n, bool) or not isinstance(n, int):
		raise TypeError(f"n (working days) must be an int, not {type(n).__name__}: {n!r}")
	if not MIN_WORKING_DAYS <= n <= MAX_WORKING_DAYS:
		raise ValueError(
			f"n (working days) must be between {MIN_WORKING_DAYS} and {MAX_WORKING_DAYS}, got {n}"
		)
	return n


def _check_flag(value: Any, when: _dt.date) -> bool:
	# A Frappe Check field arrives as 0/1; anything else is a data error, not a truthy guess.
	if isinstance(value, bool):
		return value
	if isinstance(value, int) and value in (0, 1):
		return bool(value)
	raise TypeError(f"is_working_day for {when.isoformat()} must be a bool (or 0/1), got {value!r}")


def _check_covered_years(covered_years: Iterable[int] | None) -> frozenset[int]:
	if covered_years is None:
		return frozenset()
	years = frozenset(covered_years)
	for year in years:
		if isinstance(year, bool) or not isinstance(year, int):
			raise TypeError(f"covered_years must hold int years, got {year!r}")
	return years


def normalise_exceptions(exceptions: ExceptionsInput) -> dict[_dt.date, bool]:
	"""Turn the caller's calendar exceptions into ``{date: is_working_day}`` (S13, H7.2).

	Accepted shapes:

	* ``None`` or empty: no exceptions;
	* a mapping ``{date: bool}`` or ``{date: (bool, note)}``;
	* an iterable of :class:`CalendarException`, of tuples ``(date, is_working_day[, note])``,
	  or of mappings with keys ``date``, ``is_working_day`` (and optionally ``note``), e.g.
	  rows of a desk child table.

	A ``datetime`` is cut to its date. The same date listed twice with different verdicts is a
	data error (``ValueError``); listed twice with the same verdict it is accepted.
	"""
	if not exceptions:
		return {}
	pairs: list[tuple[Any, Any]] = []
	if isinstance(exceptions, Mapping):
		for key, value in exceptions.items():
			flag = value[0] if isinstance(value, tuple | list) else value
			pairs.append((key, flag))
	else:
		for entry in exceptions:
			if isinstance(entry, CalendarException):
				pairs.append((entry.date, entry.is_working_day))
			elif isinstance(entry, Mapping):
				if "date" not in entry or "is_working_day" not in entry:
					raise ValueError(f"calendar exception needs 'date' and 'is_working_day': {entry!r}")
				pairs.append((entry["date"], entry["is_working_day"]))
			elif isinstance(entry, tuple | list) and len(entry) in (2, 3):
				pairs.append((entry[0], entry[1]))
			else:
				raise TypeError(
					f"calendar exception must be (date, is_working_day, note), a mapping or a "
					f"CalendarException, got {entry!r}"
				)
	result: dict[_dt.date, bool] = {}
	for raw_date, raw_flag in pairs:
		when = _as_date(raw_date, "exception date")
		flag = _check_flag(raw_flag, when)
		if when in result and result[when] != flag:
			raise ValueError(
				f"calendar exception for {when.isoformat()} is listed both as working and non-working"
			)
		result[when] = flag
	return result


# --- the judgement of one day ----------------------------------------------------------------


def _judge(
	d: _dt.date, exceptions: Mapping[_dt.date, bool], covered: frozenset[int], strict: bool
) -> tuple[bool, bool]:
	"""Return ``(is_working_day, guessed)`` for one day; see the module docstring for the order."""
	if d in exceptions:
		return exceptions[d], False
	if is_known_year(d.year):
		try:
			return bool(chinese_calendar.is_workday(d)), False
		except NotImplementedError as exc:  # the library disagrees with known_years()
			raise CalendarUnknown(d, known_years()) from exc
	if d.year in covered:
		return d.weekday() < 5, False
	if strict:
		raise CalendarUnknown(d, known_years())
	return d.weekday() < 5, True


def is_working_day(
	d: _dt.date,
	exceptions: ExceptionsInput = None,
	*,
	covered_years: Iterable[int] | None = frozenset(),
) -> bool:
	"""Whether *d* is a working day on the official calendar (S13, H7.2).

	Order: an exception for *d* wins; otherwise the ``chinesecalendar`` data (holidays and 调休
	make-up working days); otherwise, for a year in *covered_years*, Monday-Friday. Any other
	date raises :class:`CalendarUnknown`: a single day is never guessed.
	"""
	d = _as_date(d)
	working, _ = _judge(d, normalise_exceptions(exceptions), _check_covered_years(covered_years), True)
	return working


# --- counting --------------------------------------------------------------------------------


def _walk(
	start: _dt.date,
	n: int,
	exceptions: ExceptionsInput,
	covered_years: Iterable[int] | None,
	strict: bool,
) -> tuple[_dt.date, tuple[str, ...]]:
	"""Step to the *n*-th working day after *start*; return it and the warning codes."""
	start = _as_date(start, "event date")
	n = _check_n(n)
	table = normalise_exceptions(exceptions)
	covered = _check_covered_years(covered_years)
	guessed_years: set[int] = set()
	day = start
	counted = 0
	idle_run = 0
	while counted < n:
		day += _dt.timedelta(days=1)
		working, guessed = _judge(day, table, covered, strict)
		if guessed:
			guessed_years.add(day.year)
		if working:
			counted += 1
			idle_run = 0
		else:
			idle_run += 1
			if idle_run >= _MAX_NON_WORKING_RUN:
				raise ValueError(
					f"no working day in the {_MAX_NON_WORKING_RUN} days after "
					f"{(day - _dt.timedelta(days=idle_run - 1)).isoformat()}; check the calendar exceptions"
				)
	return day, tuple(f"{OUTSIDE_KNOWN_YEARS}:{year}" for year in sorted(guessed_years))


def _warn(codes: tuple[str, ...]) -> None:
	if codes:
		_warnings.warn(
			"working days counted with the Monday-Friday fallback (" + ", ".join(codes) + ")",
			OutsideKnownYearsWarning,
			stacklevel=3,
		)


def add_working_days(
	start: _dt.date,
	n: int,
	exceptions: ExceptionsInput = None,
	*,
	covered_years: Iterable[int] | None = frozenset(),
	strict: bool = True,
) -> _dt.date:
	"""The *n*-th working day after *start* (H7.2); *start* itself does not count.

	E.g. a change on Tuesday 2025-09-30 with n=3: the National Day holiday runs 10-01..10-08,
	so the count is Thu 10-09, Fri 10-10, Sat 10-11 (a make-up working day) -> 2025-10-11.

	Strict mode raises :class:`CalendarUnknown` at the first day that cannot be judged.
	Non-strict mode falls back to Monday-Friday for such days and emits an
	:class:`OutsideKnownYearsWarning`; use :func:`deadline` to get the warning codes as data.
	"""
	due, codes = _walk(start, n, exceptions, covered_years, strict)
	_warn(codes)
	return due


def deadline(
	event_date: _dt.date,
	n: int = DEFAULT_REPORT_WORKING_DAYS,
	exceptions: ExceptionsInput = None,
	*,
	covered_years: Iterable[int] | None = frozenset(),
	strict: bool = False,
) -> Deadline:
	"""The H7.2 reporting deadline of an S13 change made on *event_date*.

	Non-strict by default: a count that reaches into a year the library does not know (and
	that is not in *covered_years*) uses Monday-Friday for the unknown days and says so in
	``Deadline.warnings`` (``"outside_known_years:<year>"``). With ``strict=True`` it raises
	:class:`CalendarUnknown` instead.
	"""
	due, codes = _walk(event_date, n, exceptions, covered_years, strict)
	return Deadline(due=due, warnings=codes)


def working_days_between(
	a: _dt.date,
	b: _dt.date,
	exceptions: ExceptionsInput = None,
	*,
	covered_years: Iterable[int] | None = frozenset(),
	strict: bool = True,
) -> int:
	"""Number of working days after *a* up to and including *b* (H7.2 counting); 0 if b <= a.

	Strict mode raises :class:`CalendarUnknown` for a day that cannot be judged; non-strict
	mode uses Monday-Friday for it and emits an :class:`OutsideKnownYearsWarning`.
	"""
	a = _as_date(a, "a")
	b = _as_date(b, "b")
	table = normalise_exceptions(exceptions)
	covered = _check_covered_years(covered_years)
	guessed_years: set[int] = set()
	count = 0
	day = a
	while day < b:
		day += _dt.timedelta(days=1)
		working, guessed = _judge(day, table, covered, strict)
		if guessed:
			guessed_years.add(day.year)
		count += working
	_warn(tuple(f"{OUTSIDE_KNOWN_YEARS}:{year}" for year in sorted(guessed_years)))
	return count


def is_late(
	event_date: _dt.date,
	report_date: _dt.date,
	n: int = DEFAULT_REPORT_WORKING_DAYS,
	exceptions: ExceptionsInput = None,
	*,
	covered_years: Iterable[int] | None = frozenset(),
	strict: bool = True,
) -> bool:
	"""Whether an S13 change reported on *report_date* missed the H7.2 deadline.

	Late means reported after the due day: a report on the N-th working day is on time, one on
	the weekend or holiday right after it is already late. Strict by default (a lateness
	finding must not rest on a guessed calendar); non-strict mode warns like
	:func:`add_working_days`.
	"""
	report_date = _as_date(report_date, "report date")
	due, codes = _walk(event_date, n, exceptions, covered_years, strict)
	_warn(codes)
	return report_date > due


__all__ = [
	"DEFAULT_REPORT_WORKING_DAYS",
	"MAX_WORKING_DAYS",
	"MIN_WORKING_DAYS",
	"OUTSIDE_KNOWN_YEARS",
	"CalendarException",
	"CalendarUnknown",
	"Deadline",
	"OutsideKnownYearsWarning",
	"add_working_days",
	"deadline",
	"is_known_year",
	"is_late",
	"is_working_day",
	"known_years",
	"normalise_exceptions",
	"working_days_between",
]
