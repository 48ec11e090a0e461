"""S4, H7.1: filing numbers never repeat (pure rules of the series)."""

from socialmedia_governance.policy import filing_numbers as fn


def test_s4_numbers_are_padded_to_four_digits():
	key = fn.series_key("XCB", 2026)
	assert key == "XCB-2026-"
	assert fn.format_number(key, 7) == "XCB-2026-0007"
	assert fn.format_number(key, 12345) == "XCB-2026-12345"


def test_s4_used_numbers_are_skipped_whatever_their_padding():
	key = "XCB-2026-"
	used = ["XCB-2026-0001", "XCB-2026-2", "XCB-2026-0003 ", "XCB-2025-0004", "TW-2026-0004", None, ""]
	assert fn.next_free(key, 0, used) == 4
	assert fn.next_free(key, 3, used) == 4
	assert fn.next_free(key, 4, used) == 5


def test_s4_imported_numbers_ahead_of_the_series_are_skipped_when_reached():
	key = "XCB-2026-"
	used = ["XCB-2026-0009", "XCB-2026-0010", "XCB-2026-0012"]
	assert fn.next_free(key, 7, used) == 8
	assert fn.next_free(key, 8, used) == 11
	assert fn.next_free(key, 11, used) == 13


def test_s4_numbers_of_other_series_do_not_count():
	key = "XCB-2026-"
	assert fn.sequence_of(key, "XCB-2026-0042") == 42
	assert fn.sequence_of(key, "XCB-2026-00a2") is None
	assert fn.sequence_of(key, "XCB-2026-４２") is None
	assert fn.sequence_of(key, "XCB-2027-0042") is None
	assert fn.next_free(key, -5, []) == 1
