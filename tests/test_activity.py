"""Activity rules (issue 19; 国办秘函〔2019〕19号 red line) without a site."""

from datetime import date, datetime, timedelta

import pytest

from socialmedia_governance.policy import activity

TODAY = date(2026, 11, 30)
DEFAULT = activity.Thresholds()


def ago(n: int) -> date:
	return TODAY - timedelta(days=n)


def test_state_council_red_line_is_fourteen_days_and_warning_ten():
	assert (DEFAULT.red_line, DEFAULT.warning) == (14, 10)


@pytest.mark.parametrize(
	"silent, expected",
	[
		(0, activity.ACTIVE),
		(9, activity.ACTIVE),
		(10, activity.WARNING),
		(13, activity.WARNING),
		(14, activity.DORMANT),
		(400, activity.DORMANT),
		(None, activity.UNKNOWN),
	],
)
def test_state_from_days_silent(silent, expected):
	assert activity.state(silent, DEFAULT) == expected


def test_an_account_that_is_not_open_is_not_monitored():
	assert activity.state(400, DEFAULT, monitored=False) == activity.NOT_MONITORED


def test_no_warning_days_goes_straight_from_active_to_dormant():
	t = activity.Thresholds(red_line=30, warning=0)
	assert activity.state(29, t) == activity.ACTIVE
	assert activity.state(30, t) == activity.DORMANT


def test_days_left_before_the_red_line():
	assert activity.days_left(10, DEFAULT) == 4
	assert activity.days_left(20, DEFAULT) == 0
	assert activity.days_left(None, DEFAULT) is None


def test_per_tier_thresholds_override_the_default():
	per_tier = {3: activity.Thresholds(30, 21)}
	assert activity.thresholds_for(3, DEFAULT, per_tier) == activity.Thresholds(30, 21)
	assert activity.thresholds_for(1, DEFAULT, per_tier) == DEFAULT
	assert activity.thresholds_for(None, DEFAULT, per_tier) == DEFAULT


@pytest.mark.parametrize(
	"red, warning, ok",
	[(14, 10, True), (30, 0, True), (0, 0, False), (14, 14, False), (14, 20, False), (14, -1, False)],
)
def test_threshold_errors(red, warning, ok):
	assert (activity.threshold_error(red, warning) is None) is ok


def test_facts_of_an_active_account():
	days = [ago(0), ago(1), ago(6), ago(7), ago(29), ago(30), ago(89), ago(90), ago(200)]
	f = activity.facts(days, TODAY, DEFAULT, opened_on=date(2020, 1, 1), has_source=True)
	assert f.last_post == TODAY
	assert f.days_silent == 0
	assert f.posts == {7: 3, 30: 5, 90: 7}
	assert f.longest_gap == 365 - 200  # from the start of the year to ago(200)
	assert f.state == activity.ACTIVE


def test_datetimes_count_by_their_day_and_future_posts_are_ignored():
	f = activity.facts(
		[datetime(2026, 11, 20, 23, 59), datetime(2026, 12, 25, 8, 0)], TODAY, DEFAULT, has_source=False
	)
	assert f.last_post == date(2026, 11, 20)
	assert f.days_silent == 10
	assert f.state == activity.WARNING


def test_without_posts_silence_counts_from_opening_when_a_source_watches():
	f = activity.facts([], TODAY, DEFAULT, opened_on=ago(20), has_source=True)
	assert f.days_silent == 20
	assert f.state == activity.DORMANT
	assert f.longest_gap == 20


def test_without_posts_and_without_source_the_state_is_unknown():
	f = activity.facts([], TODAY, DEFAULT, opened_on=ago(20), has_source=False)
	assert f.days_silent is None
	assert f.state == activity.UNKNOWN


def test_longest_gap_counts_the_edges_of_the_period():
	start, end = date(2026, 1, 1), date(2026, 12, 31)
	assert activity.longest_gap([], start, end) == 364
	assert activity.longest_gap([date(2026, 7, 20)], start, end) == (date(2026, 7, 20) - start).days
	assert activity.longest_gap([date(2025, 1, 1), date(2027, 1, 1)], start, end) == 364
	assert activity.longest_gap([start, end], start, end) == 364
	assert activity.longest_gap([start + timedelta(days=i) for i in range(365)], start, end) == 1


def test_the_gap_period_starts_at_opening_within_the_last_year():
	assert activity.gap_period_start(TODAY, None) == TODAY - timedelta(days=365)
	assert activity.gap_period_start(TODAY, ago(10)) == ago(10)
	assert activity.gap_period_start(TODAY, date(2001, 1, 1)) == TODAY - timedelta(days=365)


def test_windows_include_today():
	assert activity.window_start(TODAY, 7) == ago(6)
	assert activity.posts_in([ago(6), ago(7)], TODAY, 7) == 1


def test_state_sql_names_every_state_and_refuses_quotes():
	sql = activity.state_sql("s", "r", "w", "m")
	for state in activity.STATES:
		assert f"'{state}'" in sql
	with pytest.raises(ValueError):
		activity.sql_text("x' or 1=1 --")
