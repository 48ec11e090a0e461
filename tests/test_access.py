from socialmedia_governance.policy import access


def test_propaganda_auditor_and_system_manager_see_everything():
	for role in ("Propaganda Manager", "Governance Auditor", "System Manager", "Administrator"):
		assert access.scopes_for([role, "Counsellor"]) is None


def test_scopes_are_the_union_of_the_roles_held():
	assert access.scopes_for(["Counsellor"]) == {"counsellor"}
	assert access.scopes_for(["Unit Head", "Club Advisor"]) == {"head", "advisor"}
	assert access.scopes_for(["Group Owner"]) == {"group_owner", "administrator"}
	assert access.scopes_for(["Youth League Manager"]) == {"youth_league"}


def test_no_governance_role_sees_nothing():
	assert access.scopes_for(["Guest", "All"]) == frozenset()
	assert access.scopes_for(None) == frozenset()


def test_in_ranges():
	assert access.in_ranges(5, [(1, 10)])
	assert access.in_ranges(10, [(20, 30), (1, 10)])
	assert not access.in_ranges(11, [(1, 10)])
	assert not access.in_ranges(None, [(1, 10)])
	assert not access.in_ranges(3, [])


def test_merge_ranges_keeps_each_subtree_once():
	# a club inside a student organisation is inside its range; separate subtrees stay apart
	assert access.merge_ranges([(5, 8), (1, 10), (12, 14)]) == [(1, 10), (12, 14)]
	assert access.merge_ranges([(12, 14), (16, 20)]) == [(12, 14), (16, 20)]
	# siblings next to each other (no lft between 14 and 15) are one range with the same nodes
	assert access.merge_ranges([(12, 14), (15, 20)]) == [(12, 20)]
	nodes = range(1, 40)
	for ranges in ([(12, 14), (15, 20)], [(3, 4), (5, 6), (7, 8), (11, 12)], [(5, 8), (1, 10)]):
		merged = access.merge_ranges(ranges)
		assert [n for n in nodes if access.in_ranges(n, merged)] == [
			n for n in nodes if access.in_ranges(n, ranges)
		]
	assert access.merge_ranges([]) == []
	assert access.merge_ranges([(3, 4), (3, 4)]) == [(3, 4)]


def test_scope_of_a_record_follows_its_owner_unit_up_the_tree():
	# H3/S15: a club inside a student organisation of a college: the college is its tier-2 unit,
	# and it lies inside a student unit (the Youth League sees it)
	club = [("club", "Club"), ("xsh", "Student Organisation"), ("kj", "Secondary College"), ("u", "School")]
	assert access.scope_of(club) == {"scope_tier2": "kj", "scope_student": 1}
	klass = [("class", "Class"), ("io", "Internal Office"), ("kj", "Secondary College"), ("u", "School")]
	assert access.scope_of(klass) == {"scope_tier2": "kj", "scope_student": 0}
	# the college's own records, and the school's (no tier-2 unit above them)
	assert access.scope_of([("kj", "Secondary College"), ("u", "School")]) == {
		"scope_tier2": "kj",
		"scope_student": 0,
	}
	assert access.scope_of([("u", "School")]) == {"scope_tier2": None, "scope_student": 0}
