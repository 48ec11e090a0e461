"""S16, H7.3: annual review window, reviewer by tier, outcomes."""

import datetime as dt

import pytest

from socialmedia_governance.policy import review


def test_h7_3_december_window_from_settings():
	assert review.window(2026, 12, 1, 12, 31) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
	assert review.window(2026, 2, 1, 2, 31) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
	with pytest.raises(ValueError):
		review.window(2026, 12, 10, 12, 1)


@pytest.mark.parametrize(
	"tier,setting,expected",
	[
		(1, "Tier-2 Unit Head", "Propaganda Department"),
		(2, "Tier-2 Unit Head", "Propaganda Department"),
		(3, "Tier-2 Unit Head", "Tier-2 Unit Head"),
		(3, "Propaganda Department", "Propaganda Department"),
	],
)
def test_h7_3_s16_reviewer_by_tier(tier, setting, expected):
	assert review.reviewer_kind(tier, setting) == expected


def test_s16_outcomes_and_their_problems():
	today = dt.date(2026, 12, 15)
	assert review.outcome_problems("Pass", None, today) == []
	assert review.outcome_problems("Rectify", None, today) == ["rectify_needs_deadline"]
	assert review.outcome_problems("Rectify", today, today) == ["rectify_deadline_past"]
	assert review.outcome_problems("Rectify", dt.date(2027, 1, 15), today) == []
	assert review.outcome_problems("Maybe", None, today) == ["unknown_outcome"]
	assert review.STATUS_AFTER["Fail"] == "Suspended"


def test_overdue_only_after_due_and_unsubmitted():
	due = dt.date(2026, 12, 31)
	assert not review.is_overdue(False, due, dt.date(2026, 12, 31))
	assert review.is_overdue(False, due, dt.date(2027, 1, 1))
	assert not review.is_overdue(True, due, dt.date(2027, 1, 1))
