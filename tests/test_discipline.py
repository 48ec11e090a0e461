"""Discipline rules (H10.1, H10.2, S18) without a site."""

from datetime import date

import pytest

from socialmedia_governance.policy import discipline as d


def test_h10_2_escalation_warning_serious_warning_removal():
	assert d.propose(0) == d.WARNING
	assert d.propose(1) == d.SERIOUS_WARNING
	assert d.propose(2) == d.REMOVAL
	assert d.propose(7) == d.REMOVAL
	assert d.propose(0, serious=True) == d.REMOVAL


def test_h10_2_override_needs_a_reason():
	assert d.needs_reason(d.WARNING, d.SERIOUS_WARNING)
	assert not d.needs_reason(d.WARNING, d.WARNING)
	assert not d.needs_reason(d.WARNING, None)


def test_h10_1_ban_of_twelve_months_is_one_year():
	assert d.ban_period(date(2026, 3, 15), 12) == (date(2026, 3, 15), date(2027, 3, 14))
	assert d.ban_period(date(2026, 1, 31), 1) == (date(2026, 1, 31), date(2026, 2, 27))
	assert d.ban_period(date(2024, 2, 29), 12) == (date(2024, 2, 29), date(2025, 2, 27))
	with pytest.raises(ValueError):
		d.ban_period(date(2026, 1, 1), 0)


def test_h10_1_eligibility_before_inside_and_after_a_ban():
	bans = [
		d.Ban("a@x", date(2026, 3, 1), date(2027, 2, 28)),
		d.Ban("a@x", date(2026, 6, 1), date(2027, 5, 31)),
	]
	assert d.eligible(bans, "a@x", date(2026, 2, 28)) == (True, None)
	assert d.eligible(bans, "a@x", date(2026, 3, 1)) == (False, date(2027, 2, 28))
	assert d.eligible(bans, "a@x", date(2026, 7, 1)) == (False, date(2027, 5, 31))
	assert d.eligible(bans, "a@x", date(2027, 5, 31)) == (False, date(2027, 5, 31))
	assert d.eligible(bans, "a@x", date(2027, 6, 1)) == (True, None)
	assert d.eligible(bans, "b@x", date(2026, 7, 1)) == (True, None)
