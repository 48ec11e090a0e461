"""Activity of an account as pure rules: days silent, posts per window, longest gap, state.

The State Council's inspection indicators for government new media (国办秘函〔2019〕19号) make "no
update in the two weeks before the check" a single-veto failure: the red line defaults to 14 days,
and administrators are warned from the 10th silent day. Schools may choose other values (a preset
may choose 30) and set them per tier, in Governance Settings.

The set-based recompute (``monitoring/activity.py``) computes the same facts in SQL; it takes its
windows, period, states and the CASE that decides the state from here (``state_sql``), and a site
test checks that both give the same answers on the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from socialmedia_governance.policy import platforms

ACTIVE = "Publishing"
WARNING = "Going Quiet"
DORMANT = "Dormant"
UNKNOWN = "Unknown"  # no post and no source to learn of posts from
NOT_MONITORED = "Not Monitored"  # the account is not open (draft, under review, suspended, closed)
STATES = (ACTIVE, WARNING, DORMANT, UNKNOWN, NOT_MONITORED)

DEFAULT_RED_LINE_DAYS = 14  # 国办秘函〔2019〕19号: no update within two weeks = single veto
DEFAULT_WARNING_DAYS = 10
WINDOWS = (7, 30, 90)  # "posts in the last N days"
GAP_PERIOD_DAYS = 365  # the longest gap is measured over the last year
MONITORED_STATUS = platforms.ACTIVE  # the account status whose accounts are expected to publish


@dataclass(frozen=True)
class Thresholds:
	red_line: int = DEFAULT_RED_LINE_DAYS
	warning: int = DEFAULT_WARNING_DAYS  # 0: no warning state, straight from active to dormant


def threshold_error(red_line: int | None, warning: int | None) -> str | None:
	"""Why a red line / warning pair cannot be used, or None. (English text, translated by callers.)"""
	if red_line is None or red_line < 1:
		return "The red line must be at least one day."
	if warning is not None and (warning < 0 or warning >= red_line):
		return "The warning must come before the red line (fewer days than the red line)."
	return None


def thresholds_for(tier: int | None, default: Thresholds, per_tier: Mapping[int, Thresholds]) -> Thresholds:
	"""The thresholds of an account of ``tier``: the tier's own if the school set them, else the default."""
	return per_tier.get(tier or 0, default)


def day_of(value: date | datetime | None) -> date | None:
	if value is None:
		return None
	return value.date() if isinstance(value, datetime) else value


def days_silent(last_post: date | None, watched_since: date | None, today: date) -> int | None:
	"""Whole days since the last post; with no post, since the account was watched (opened with a
	source to learn of posts from); None when neither is known."""
	start = last_post or watched_since
	if start is None:
		return None
	return max((today - start).days, 0)


def state(silent: int | None, thresholds: Thresholds, monitored: bool = True) -> str:
	if not monitored:
		return NOT_MONITORED
	if silent is None:
		return UNKNOWN
	if silent >= thresholds.red_line:
		return DORMANT
	if thresholds.warning and silent >= thresholds.warning:
		return WARNING
	return ACTIVE


def days_left(silent: int | None, thresholds: Thresholds) -> int | None:
	"""Days until the account crosses the red line (0 once it has)."""
	if silent is None:
		return None
	return max(thresholds.red_line - silent, 0)


def window_start(today: date, days: int) -> date:
	"""The first day of "the last ``days`` days" (today included)."""
	return today - timedelta(days=days - 1)


def posts_in(post_days: Iterable[date], today: date, days: int) -> int:
	start = window_start(today, days)
	return sum(1 for d in post_days if start <= d <= today)


def gap_period_start(today: date, opened_on: date | None) -> date:
	start = today - timedelta(days=GAP_PERIOD_DAYS)
	return max(start, opened_on) if opened_on else start


def longest_gap(post_days: Iterable[date], start: date, end: date) -> int:
	"""The longest run of days without a post between ``start`` and ``end`` (both edges count as
	points: a year that begins with 200 silent days has a gap of 200)."""
	inside = sorted({d for d in post_days if start <= d <= end})
	points = [start, *inside, end]
	return max((b - a).days for a, b in zip(points, points[1:], strict=False)) if end >= start else 0


@dataclass(frozen=True)
class Facts:
	last_post: date | None
	days_silent: int | None
	posts: dict[int, int]
	longest_gap: int
	state: str
	days_left: int | None


def facts(
	post_days: Iterable[date],
	today: date,
	thresholds: Thresholds,
	opened_on: date | None = None,
	has_source: bool = False,
	monitored: bool = True,
) -> Facts:
	"""Every activity fact of one account from the days it posted on (posts after today ignored)."""
	days = [d for d in (day_of(p) for p in post_days) if d is not None and d <= today]
	last = max(days) if days else None
	silent = days_silent(last, opened_on if has_source else None, today)
	return Facts(
		last_post=last,
		days_silent=silent,
		posts={n: posts_in(days, today, n) for n in WINDOWS},
		longest_gap=longest_gap(days, gap_period_start(today, opened_on), today),
		state=state(silent, thresholds, monitored),
		days_left=days_left(silent, thresholds),
	)


def sql_text(value: str) -> str:
	"""A policy constant as an SQL string literal (constants only: never user input)."""
	if "'" in value or "\\" in value:
		raise ValueError(value)
	return f"'{value}'"


def state_sql(silent: str, red_line: str, warning: str, monitored: str) -> str:
	"""The SQL twin of ``state``: a CASE over SQL expressions for the same inputs."""
	return (
		f"case when not ({monitored}) then {sql_text(NOT_MONITORED)}"
		f" when {silent} is null then {sql_text(UNKNOWN)}"
		f" when {silent} >= {red_line} then {sql_text(DORMANT)}"
		f" when {warning} > 0 and {silent} >= {warning} then {sql_text(WARNING)}"
		f" else {sql_text(ACTIVE)} end"
	)


# Texts translated at run time (policy.runtime_texts)
TEXTS = (
	*STATES,
	"The red line must be at least one day.",
	"The warning must come before the red line (fewer days than the red line).",
)
