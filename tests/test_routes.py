"""S4, H7.1, H4.1, S15: approval routes decided from the owner."""

import pytest

from socialmedia_governance.policy import routes
from socialmedia_governance.policy.routes import APPROVED, PROPAGANDA, SUPERVISOR, YOUTH_LEAGUE


@pytest.mark.parametrize("owner_type", ["Department", "Office", "Secondary College", "Internal Office"])
def test_s4_h7_1_unit_account_goes_unit_head_then_propaganda(owner_type):
	assert routes.route(owner_type=owner_type, is_group=False) == (SUPERVISOR, PROPAGANDA)


@pytest.mark.parametrize("owner_type", ["Student Organisation", "Club"])
def test_s4_s15_student_account_goes_advisor_youth_league_propaganda(owner_type):
	assert routes.route(owner_type=owner_type, is_group=False) == (SUPERVISOR, YOUTH_LEAGUE, PROPAGANDA)
	assert routes.route(owner_type=owner_type, is_group=False, student_via_youth_league=False) == (
		SUPERVISOR,
		PROPAGANDA,
	)


def test_tier1_school_platform_is_filed_by_propaganda_alone():
	assert routes.route(owner_type="School", is_group=False) == (PROPAGANDA,)


def test_h4_1_class_group_below_threshold_stops_at_the_counsellor():
	assert routes.route(owner_type="Class", is_group=True, member_count=49) == (SUPERVISOR,)


def test_h4_1_class_group_at_threshold_or_school_named_is_filed_with_propaganda():
	assert routes.route(owner_type="Class", is_group=True, member_count=50) == (SUPERVISOR, PROPAGANDA)
	assert routes.route(owner_type="Class", is_group=True, member_count=5, uses_school_name=True) == (
		SUPERVISOR,
		PROPAGANDA,
	)
	assert routes.route(owner_type="Class", is_group=True, member_count=20, threshold=10) == (
		SUPERVISOR,
		PROPAGANDA,
	)


def test_h4_1_school_named_public_account_always_reaches_propaganda():
	assert routes.route(owner_type="Class", is_group=False)[-1] == PROPAGANDA


def test_next_step_walks_the_route_and_ends_approved():
	steps = (SUPERVISOR, YOUTH_LEAGUE, PROPAGANDA)
	assert routes.next_step(steps, None) == SUPERVISOR
	assert routes.next_step(steps, SUPERVISOR) == YOUTH_LEAGUE
	assert routes.next_step(steps, PROPAGANDA) == APPROVED
	with pytest.raises(ValueError):
		routes.next_step((SUPERVISOR,), YOUTH_LEAGUE)


def test_may_approve_only_resolved_and_never_own():
	assert routes.may_approve("a@x", ["a@x", "b@x"], "c@x")
	assert not routes.may_approve("d@x", ["a@x"], "c@x")
	assert not routes.may_approve("a@x", ["a@x"], "a@x")
	assert not routes.may_approve("", [""], None)
