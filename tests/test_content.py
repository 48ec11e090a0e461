"""Content rules (S7–S11, H4.4, H4.6, H4.7, H5, H8, H9) without a site."""

from datetime import datetime, timedelta

import pytest

from socialmedia_governance.policy import content, presets, routes, tiers


@pytest.mark.parametrize("category", sorted(content.NEEDS_PROPAGANDA))
def test_s7_s8_school_wide_categories_go_to_the_supervisor_then_propaganda(category):
	assert content.publication_route(category, tiers.SECONDARY_COLLEGE) == (
		routes.SUPERVISOR,
		routes.PROPAGANDA,
	)
	assert content.publication_route(category, tiers.CLASS) == (routes.SUPERVISOR, routes.PROPAGANDA)


@pytest.mark.parametrize("category", [content.MAJOR_UNIT_INFO, content.CHARITY, content.ADVERTISING])
def test_s10_h4_4_h4_7_unit_information_charity_and_ads_stop_at_the_supervisor(category):
	assert content.publication_route(category, tiers.DEPARTMENT) == (routes.SUPERVISOR,)


def test_s7_tier_1_accounts_are_decided_by_propaganda():
	assert content.publication_route(content.EMERGENCY, tiers.SCHOOL) == (routes.PROPAGANDA,)


def test_unknown_category_is_an_error():
	with pytest.raises(ValueError):
		content.publication_route("Gossip", tiers.DEPARTMENT)


def test_s9_h5_s11_h4_6_checklists_per_preset():
	sctbc = content.checklist("SCTBC 2017")
	hufe = content.checklist("HUFE 2018")
	assert [r["clause"] for r in sctbc] == [f"S9({i})" for i in range(1, 11)] + ["S11"] * 3
	assert [r["clause"] for r in hufe] == [f"H5({i})" for i in range(1, 10)] + ["H4.6"] + ["S11"] * 3
	assert "宗教" in sctbc[4]["item"] and "邪教" in hufe[4]["item"]
	assert any("准确性" in r["item"] for r in hufe)  # S11: accuracy checked
	assert presets.preset_values("HUFE 2018")["publication_checklist"] == hufe
	with pytest.raises(KeyError):
		content.checklist("nope")


def test_unconfirmed_lists_the_clauses_not_ticked():
	assert content.unconfirmed([("S9(1)", True), ("S11", False), ("H4.6", False)]) == ["S11", "H4.6"]
	assert content.unconfirmed([("S9(1)", True)]) == []


def test_h5_a_hit_resolution_stands_until_changed_and_names_who_changed_it():
	# nothing asked (edited text or a fresh hit): the stored resolution stands, unchanged
	assert content.resolve_hit(None, (True, "报道引用", "a@x"), "b@x") == (True, "报道引用", "a@x", False)
	assert content.resolve_hit(None, None, "b@x") == (False, "", None, False)
	# ticked, re-worded or unticked: a change, recorded as the user's; unresolved keeps no note
	assert content.resolve_hit((True, "引用"), None, "b@x") == (True, "引用", "b@x", True)
	assert content.resolve_hit((True, "新"), (True, "旧", "a@x"), "b@x") == (True, "新", "b@x", True)
	assert content.resolve_hit((False, "旧"), (True, "旧", "a@x"), "b@x") == (False, "", None, True)
	# asked the same as stored: no change, the first resolver stays
	assert content.resolve_hit((True, "旧"), (True, "旧", "a@x"), "b@x") == (True, "旧", "a@x", False)
	assert content.resolve_hit((False, None), None, "b@x") == (False, "", None, False)


def test_h8_release_target_matching():
	target = content.ReleaseTarget(
		tiers=frozenset({2}), units=frozenset({"会计学院"}), platforms=frozenset({"微信公众号"})
	)
	assert target.matches(2, ["会计学院", "学校"], "微信公众号")
	assert not target.matches(3, ["会计学院"], "微信公众号")
	assert not target.matches(2, ["信息学院"], "微信公众号")
	assert not target.matches(2, ["会计学院"], "新浪微博")
	assert content.ReleaseTarget(tiers=frozenset()).matches(1, [], "抖音")


def test_h8_task_status_and_completion_rate():
	deadline = datetime(2026, 7, 1, 12)
	assert content.task_status(deadline, None, deadline - timedelta(hours=1)) == "Pending"
	assert content.task_status(deadline, None, deadline + timedelta(seconds=1)) == "Overdue"
	assert content.task_status(deadline, deadline, deadline + timedelta(days=1)) == "Published"
	assert content.task_status(deadline, deadline + timedelta(minutes=1), deadline) == "Published Late"
	assert content.completion_rate(1, 3) == 33.3
	assert content.completion_rate(0, 0) == 0.0


def test_h9_incident_deadline_and_overdue():
	found = datetime(2026, 5, 4, 8)
	assert content.handle_by(found, 4) == datetime(2026, 5, 4, 12)
	assert content.handle_by(found, None) == found + timedelta(hours=content.DEFAULT_INCIDENT_HOURS)
	assert not content.incident_overdue(found, found + timedelta(hours=3), found + timedelta(days=9), 4)
	assert content.incident_overdue(found, found + timedelta(hours=5), found + timedelta(hours=5), 4)
	assert content.incident_overdue(found, None, found + timedelta(hours=4, seconds=1), 4)
	assert not content.incident_overdue(found, None, found + timedelta(hours=1), 4)


def test_h9_impossible_timestamps():
	now = datetime(2026, 5, 4, 8)
	assert content.incident_time_errors(now + timedelta(hours=1), None, now) == ["found_in_future"]
	assert content.incident_time_errors(now, now - timedelta(hours=1), now) == ["handled_before_found"]
	assert content.incident_time_errors(now - timedelta(hours=1), now + timedelta(days=1), now) == [
		"handled_in_future"
	]
	assert content.incident_time_errors(now - timedelta(hours=1), now, now) == []
