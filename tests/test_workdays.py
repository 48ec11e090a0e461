"""S13 / H7.2: report an account change within N working days on China's official calendar.

Every calendar fact below is a real date of the State Council's 2025 and 2026 holiday notices,
checked both against the installed ``chinesecalendar`` data and independently:

* 2025 Spring Festival Jan 28-Feb 4, make-up Sun Jan 26 and Sat Feb 8;
* 2025 Labour Day May 1-5, make-up Sun Apr 27;
* 2025 National Day + Mid-Autumn Oct 1-8, make-up Sun Sep 28 and Sat Oct 11;
* 2026 New Year Jan 1-3, make-up Sun Jan 4;
* 2026 Spring Festival Feb 15-23, make-up Sat Feb 14 and Sat Feb 28;
* 2026 National Day Oct 1-7, make-up Sun Sep 20 and Sat Oct 10.
"""

from __future__ import annotations

import datetime as dt
import warnings

import chinese_calendar
import pytest
from chinese_calendar import constants as cc_constants

from socialmedia_governance.policy.workdays import (
	DEFAULT_REPORT_WORKING_DAYS,
	CalendarException,
	CalendarUnknown,
	Deadline,
	OutsideKnownYearsWarning,
	add_working_days,
	deadline,
	is_known_year,
	is_late,
	is_working_day,
	known_years,
	normalise_exceptions,
	working_days_between,
)

D = dt.date

LIBRARY_KNOWS_2027 = is_known_year(2027)


# --- the calendar itself -----------------------------------------------------------------------

OFFICIAL_FACTS = [
	# (date, is a working day, why)
	(D(2025, 1, 26), True, "Sun, Spring Festival make-up day"),
	(D(2025, 1, 28), False, "Spring Festival eve holiday"),
	(D(2025, 2, 4), False, "last Spring Festival holiday"),
	(D(2025, 2, 8), True, "Sat, Spring Festival make-up day"),
	(D(2025, 4, 27), True, "Sun, Labour Day make-up day"),
	(D(2025, 5, 5), False, "last Labour Day holiday (a Monday)"),
	(D(2025, 9, 28), True, "Sun, National Day make-up day"),
	(D(2025, 9, 30), True, "ordinary Tuesday before National Day"),
	(D(2025, 10, 1), False, "National Day"),
	(D(2025, 10, 8), False, "last National Day holiday (a Wednesday)"),
	(D(2025, 10, 9), True, "first working day after National Day"),
	(D(2025, 10, 11), True, "Sat, National Day make-up day"),
	(D(2025, 10, 12), False, "ordinary Sunday"),
	(D(2026, 1, 2), False, "New Year holiday (a Friday)"),
	(D(2026, 1, 4), True, "Sun, New Year make-up day"),
	(D(2026, 2, 14), True, "Sat, Spring Festival make-up day"),
	(D(2026, 2, 15), False, "first Spring Festival holiday"),
	(D(2026, 2, 23), False, "last Spring Festival holiday (a Monday)"),
	(D(2026, 2, 24), True, "first working day after Spring Festival"),
	(D(2026, 2, 28), True, "Sat, Spring Festival make-up day"),
	(D(2026, 9, 20), True, "Sun, National Day make-up day"),
	(D(2026, 10, 7), False, "last National Day holiday (a Wednesday)"),
	(D(2026, 10, 10), True, "Sat, National Day make-up day"),
]


@pytest.mark.parametrize(("day", "working", "why"), OFFICIAL_FACTS)
def test_h7_2_official_calendar_facts_2025_2026(day: dt.date, working: bool, why: str) -> None:
	# Our knowledge of the State Council notices and the library must agree, and so must we.
	assert chinese_calendar.is_workday(day) is working, why
	assert is_working_day(day) is working, why


def test_h7_2_known_years_match_the_library_boundary() -> None:
	first, last = known_years()
	years = {d.year for d in cc_constants.holidays}
	assert (first, last) == (min(years), max(years))
	assert first <= 2025 and last >= 2026
	# The boundary is real: the library answers for the last known year and refuses the next one.
	assert chinese_calendar.is_workday(D(last, 6, 1)) in (True, False)
	with pytest.raises(NotImplementedError):
		chinese_calendar.is_workday(D(last + 1, 6, 1))
	assert is_known_year(last) and not is_known_year(last + 1) and not is_known_year(first - 1)


# --- counting on real dates --------------------------------------------------------------------


def test_h7_2_change_before_national_day_due_after_holiday() -> None:
	# Tue 2025-09-30; Oct 1-8 off; Thu Oct 9, Fri Oct 10, Sat Oct 11 (make-up) are days 1..3.
	assert add_working_days(D(2025, 9, 30), 3) == D(2025, 10, 11)
	assert deadline(D(2025, 9, 30), 3) == Deadline(due=D(2025, 10, 11), warnings=())


def test_h7_2_default_n_is_three_working_days() -> None:
	assert DEFAULT_REPORT_WORKING_DAYS == 3
	assert deadline(D(2025, 9, 30)).due == D(2025, 10, 11)


def test_h7_2_change_before_national_day_2026() -> None:
	# Wed 2026-09-30; Oct 1-7 off; Thu Oct 8, Fri Oct 9, Sat Oct 10 (make-up).
	assert add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)


def test_h7_2_change_on_friday_before_spring_festival_2026_counts_makeup_saturday() -> None:
	# Fri 2026-02-13: Sat Feb 14 (make-up) is day 1, Feb 15-23 off, Tue Feb 24 day 2, Wed Feb 25 day 3.
	assert add_working_days(D(2026, 2, 13), 3) == D(2026, 2, 25)
	assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)


def test_h7_2_change_during_spring_festival_holiday_counts_from_first_working_day() -> None:
	# Wed 2026-02-18 is a holiday: Tue Feb 24, Wed Feb 25, Thu Feb 26.
	assert add_working_days(D(2026, 2, 18), 3) == D(2026, 2, 26)


def test_h7_2_makeup_saturday_after_spring_festival_counts() -> None:
	# Thu 2026-02-26: Fri Feb 27, Sat Feb 28 (make-up), Mon Mar 2.
	assert add_working_days(D(2026, 2, 26), 3) == D(2026, 3, 2)


def test_h7_2_makeup_sunday_before_national_day_counts() -> None:
	# Thu 2025-09-25: Fri Sep 26, Sun Sep 28 (make-up; Sat Sep 27 is off), Mon Sep 29.
	assert add_working_days(D(2025, 9, 25), 3) == D(2025, 9, 29)


def test_h7_2_ordinary_week() -> None:
	# Mon 2025-11-10 -> Tue, Wed, Thu.
	assert add_working_days(D(2025, 11, 10), 3) == D(2025, 11, 13)


def test_h7_2_change_on_friday_skips_the_weekend() -> None:
	# Fri 2025-11-14 -> Mon 17, Tue 18, Wed 19.
	assert add_working_days(D(2025, 11, 14), 3) == D(2025, 11, 19)


def test_h7_2_zero_days_means_same_day_and_sixty_is_accepted() -> None:
	assert add_working_days(D(2025, 10, 3), 0) == D(2025, 10, 3)
	due = add_working_days(D(2025, 9, 30), 60)
	assert working_days_between(D(2025, 9, 30), due) == 60
	assert working_days_between(D(2025, 9, 30), due - dt.timedelta(days=1)) == 59


def test_h7_2_datetime_is_taken_as_its_date() -> None:
	assert add_working_days(dt.datetime(2025, 9, 30, 23, 59), 3) == D(2025, 10, 11)
	assert is_working_day(dt.datetime(2025, 10, 11, 9, 0)) is True


# --- counting between two dates and lateness ----------------------------------------------------


def test_h7_2_working_days_between_real_dates() -> None:
	assert working_days_between(D(2025, 9, 30), D(2025, 10, 8)) == 0
	assert working_days_between(D(2025, 9, 30), D(2025, 10, 11)) == 3
	# Feb 14 (make-up), Feb 24-27, Feb 28 (make-up).
	assert working_days_between(D(2026, 2, 13), D(2026, 2, 28)) == 6
	assert working_days_between(D(2025, 10, 11), D(2025, 9, 30)) == 0
	assert working_days_between(D(2025, 11, 10), D(2025, 11, 10)) == 0


@pytest.mark.parametrize(
	"start", [D(2025, 9, 24), D(2025, 12, 31), D(2026, 2, 11), D(2026, 9, 18), D(2026, 12, 14)]
)
def test_h7_2_between_and_add_agree(start: dt.date) -> None:
	for n in range(8):
		due = add_working_days(start, n)
		assert working_days_between(start, due) == n
		if n:
			assert is_working_day(due) is True


def test_s13_report_on_due_day_is_on_time_and_after_it_late() -> None:
	event = D(2025, 9, 30)
	assert is_late(event, D(2025, 10, 8), 3) is False
	assert is_late(event, D(2025, 10, 11), 3) is False  # make-up Saturday, day 3
	assert is_late(event, D(2025, 10, 12), 3) is True  # the Sunday after the due day
	assert is_late(event, D(2025, 10, 13), 3) is True


def test_s13_report_after_spring_festival_lateness() -> None:
	event = D(2026, 2, 13)
	assert is_late(event, D(2026, 2, 25), 3) is False
	assert is_late(event, D(2026, 2, 26), 3) is True
	assert is_late(event, D(2026, 2, 14), 0) is True  # n=0: only the day of the change counts


# --- admin exceptions --------------------------------------------------------------------------


def test_h7_2_school_closure_day_is_skipped() -> None:
	closure = [(D(2025, 11, 12), False, "campus closed: power maintenance")]
	assert is_working_day(D(2025, 11, 12), closure) is False
	# Mon 2025-11-10 -> Tue 11, (Wed 12 closed), Thu 13, Fri 14.
	assert add_working_days(D(2025, 11, 10), 3, closure) == D(2025, 11, 14)


def test_h7_2_extra_working_day_counts() -> None:
	extra = [(D(2025, 11, 15), True, "Saturday exam duty")]
	assert add_working_days(D(2025, 11, 14), 1) == D(2025, 11, 17)
	assert add_working_days(D(2025, 11, 14), 1, extra) == D(2025, 11, 15)


def test_h7_2_exception_overrides_a_library_makeup_day() -> None:
	# The school keeps Sat 2025-10-11 closed although it is an official make-up day.
	keep_closed = {D(2025, 10, 11): (False, "school keeps the make-up Saturday off")}
	assert chinese_calendar.is_workday(D(2025, 10, 11)) is True
	assert add_working_days(D(2025, 9, 30), 3, keep_closed) == D(2025, 10, 13)
	assert is_late(D(2025, 9, 30), D(2025, 10, 13), 3, keep_closed) is False


def test_h7_2_exception_shapes_are_equivalent() -> None:
	day = D(2025, 11, 12)
	shapes = [
		{day: False},
		{day: (False, "closed")},
		[(day, False)],
		[(dt.datetime(2025, 11, 12, 8, 0), False, "closed")],
		[CalendarException(day, False, "closed")],
		[{"date": day, "is_working_day": 0, "note": "closed"}],  # a desk Check field gives 0/1
	]
	for shape in shapes:
		assert normalise_exceptions(shape) == {day: False}, shape
		assert add_working_days(D(2025, 11, 10), 3, shape) == D(2025, 11, 14), shape


def test_h7_2_conflicting_or_malformed_exceptions_are_rejected() -> None:
	day = D(2025, 11, 12)
	with pytest.raises(ValueError, match="2025-11-12"):
		normalise_exceptions([(day, False, "closed"), (day, True, "open")])
	assert normalise_exceptions([(day, False, "a"), (day, False, "b")]) == {day: False}
	with pytest.raises(TypeError, match="bool"):
		normalise_exceptions([(day, "no", "closed")])
	with pytest.raises(TypeError, match="datetime.date"):
		normalise_exceptions([("2025-11-12", False, "closed")])
	with pytest.raises(ValueError, match="is_working_day"):
		normalise_exceptions([{"date": day}])


# --- years the library does not know ------------------------------------------------------------


def test_h7_2_far_unknown_year_strict_raises_with_useful_message() -> None:
	first, last = known_years()
	with pytest.raises(CalendarUnknown) as info:
		add_working_days(D(2099, 3, 6), 3)
	err = info.value
	assert isinstance(err, ValueError)
	# The first day that had to be judged: Sat 03-07 (a weekend day may be a make-up day).
	assert err.date == D(2099, 3, 7)
	assert err.known_years == (first, last)
	assert "2099-03-07" in str(err) and f"{first}-{last}" in str(err) and "covered" in str(err)


def test_h7_2_far_unknown_year_non_strict_uses_monday_friday_with_warning() -> None:
	# Fri 2099-03-06 -> Mon 09, Tue 10, Wed 11 by the Monday-Friday fallback.
	result = deadline(D(2099, 3, 6), 3)
	assert result == Deadline(due=D(2099, 3, 11), warnings=("outside_known_years:2099",))
	assert result.is_certain is False
	with pytest.warns(OutsideKnownYearsWarning, match="outside_known_years:2099"):
		assert add_working_days(D(2099, 3, 6), 3, strict=False) == D(2099, 3, 11)
	with pytest.raises(CalendarUnknown):
		deadline(D(2099, 3, 6), 3, strict=True)


def test_h7_2_year_before_the_library_range_is_unknown() -> None:
	first, _ = known_years()
	with pytest.raises(CalendarUnknown) as info:
		is_working_day(D(first - 1, 12, 31))
	assert info.value.date == D(first - 1, 12, 31)


def test_h7_2_covered_year_lets_admin_entered_calendar_through() -> None:
	admin_2099 = [(D(2099, 3, 9), False, "admin-entered holiday")]
	result = deadline(D(2099, 3, 6), 3, admin_2099, covered_years={2099}, strict=True)
	assert result == Deadline(due=D(2099, 3, 12), warnings=())
	assert add_working_days(D(2099, 3, 6), 3, admin_2099, covered_years={2099}) == D(2099, 3, 12)
	assert is_working_day(D(2099, 3, 14), covered_years={2099}) is False  # a Saturday
	with warnings.catch_warnings():
		warnings.simplefilter("error")  # no fallback warning for a covered year
		assert working_days_between(D(2099, 3, 6), D(2099, 3, 13), admin_2099, covered_years={2099}) == 4


def test_h7_2_single_exception_answers_one_day_but_not_the_year() -> None:
	new_year = {D(2099, 1, 1): (False, "New Year's Day")}
	assert is_working_day(D(2099, 1, 1), new_year) is False
	with pytest.raises(CalendarUnknown):
		is_working_day(D(2099, 1, 2), new_year)


@pytest.mark.skipif(LIBRARY_KNOWS_2027, reason="the installed chinesecalendar already ships 2027 data")
def test_h7_2_count_crossing_into_unknown_2027() -> None:
	# Wed 2026-12-30: Thu Dec 31 (official 2026 data), then 2027 is unknown to the library.
	with pytest.raises(CalendarUnknown) as info:
		deadline(D(2026, 12, 30), 3, strict=True)
	assert info.value.date == D(2027, 1, 1)
	# Non-strict: Fri Jan 1 2027 is (wrongly) taken as a working day, so it must be flagged.
	guessed = deadline(D(2026, 12, 30), 3)
	assert guessed == Deadline(due=D(2027, 1, 4), warnings=("outside_known_years:2027",))
	# The admin enters New Year's Day 2027 and marks 2027 as covered: Dec 31, Jan 4, Jan 5.
	entered = deadline(
		D(2026, 12, 30), 3, [(D(2027, 1, 1), False, "New Year's Day")], covered_years={2027}, strict=True
	)
	assert entered == Deadline(due=D(2027, 1, 5), warnings=())
	with pytest.raises(CalendarUnknown):
		is_late(D(2026, 12, 30), D(2027, 1, 4), 3)


def test_h7_2_count_inside_known_years_has_no_warning_even_near_the_boundary() -> None:
	_, last = known_years()
	# Two working days after Dec 1 of the last known year stay inside it.
	result = deadline(D(last, 12, 1), 2, strict=True)
	assert result.warnings == () and result.due.year == last and result.is_certain


# --- input validation ----------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [-1, 61, 1000])
def test_h7_2_n_out_of_range_is_rejected(bad: int) -> None:
	with pytest.raises(ValueError, match="between 0 and 60"):
		add_working_days(D(2025, 9, 30), bad)
	with pytest.raises(ValueError, match="between 0 and 60"):
		deadline(D(2025, 9, 30), bad)


@pytest.mark.parametrize("bad", [3.0, True, "3", None])
def test_h7_2_n_of_wrong_type_is_rejected(bad: object) -> None:
	with pytest.raises(TypeError, match="must be an int"):
		add_working_days(D(2025, 9, 30), bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["2025-09-30", 20250930, None])
def test_s13_event_date_must_be_a_date(bad: object) -> None:
	with pytest.raises(TypeError, match="datetime.date"):
		add_working_days(bad, 3)  # type: ignore[arg-type]
	with pytest.raises(TypeError, match="datetime.date"):
		is_working_day(bad)  # type: ignore[arg-type]
	with pytest.raises(TypeError, match="datetime.date"):
		is_late(D(2025, 9, 30), bad, 3)  # type: ignore[arg-type]


def test_h7_2_covered_years_must_be_ints() -> None:
	with pytest.raises(TypeError, match="covered_years"):
		deadline(D(2099, 3, 6), 3, covered_years={"2099"})  # type: ignore[arg-type]


def test_h7_2_all_days_closed_by_exceptions_is_a_data_error_not_a_hang() -> None:
	closed = {D(2099, 1, 1) + dt.timedelta(days=i): False for i in range(400)}
	with pytest.raises(ValueError, match="no working day"):
		add_working_days(D(2098, 12, 31), 1, closed, covered_years={2099, 2100})
