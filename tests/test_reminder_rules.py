"""The reminder rules' table and send time (issue 20) without a site."""

import re
from datetime import date, datetime, time, timedelta

from socialmedia_governance.policy import reminder_rules as rules


def test_labels_are_plain_words_without_clause_codes_and_take_the_days_where_they_have_some():
	for rule_id, rule in rules.RULES.items():
		assert not re.search(r"\([SH]\d|\bN\b", rule.label), rule_id
		assert rule.takes_days == (rule.days > 0), rule_id
		assert rule.texts, rule_id
	assert rules.RULES["approval_waiting"].label.format(3) == "Approvals waiting longer than 3 days"


def test_every_text_is_listed_for_translation_once():
	texts = [t for r in rules.RULES.values() for t in (r.label, *r.texts)]
	assert set(rules.TEXTS) == set(texts) and len(rules.TEXTS) == len(set(texts))


def test_send_time_of_each_stored_form_and_the_default():
	assert rules.send_time(None) == rules.send_time("") == time(8, 30)
	assert rules.send_time("07:15:00") == time(7, 15)
	assert rules.send_time("7:05") == time(7, 5)
	assert rules.send_time(timedelta(hours=9, minutes=45)) == time(9, 45)


def test_the_day_goes_out_once_after_the_send_time():
	assert not rules.is_due(datetime(2026, 12, 1, 0, 5), None, date(2026, 11, 30))  # not just after midnight
	assert rules.is_due(datetime(2026, 12, 1, 8, 30), None, date(2026, 11, 30))
	assert not rules.is_due(datetime(2026, 12, 1, 9, 0), None, date(2026, 12, 1))  # sent today
	assert not rules.is_due(datetime(2026, 12, 1, 9, 0), "10:00:00", "2026-11-30")
	assert rules.is_due(datetime(2026, 12, 1, 23, 0), "10:00:00", None)
