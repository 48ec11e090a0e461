"""H3 / S12: tier, supervisor and first responsible person for every unit type."""

import pytest

from socialmedia_governance.policy import tiers
from socialmedia_governance.policy.tiers import Unit, derive, validate_unit

SCHOOL = Unit("湖南财政经济学院", tiers.SCHOOL, head="president@u")
PROPAGANDA = Unit(
	"党委宣传部", tiers.DEPARTMENT, head="xcb_head@u", secretary="xcb_sec@u", parent=SCHOOL.name
)
YOUTH = Unit("校团委", tiers.DEPARTMENT, head="tw_head@u", parent=SCHOOL.name)
OFFICE = Unit("学生工作处", tiers.OFFICE, head="xgc_head@u", parent=SCHOOL.name)
COLLEGE = Unit(
	"会计学院", tiers.SECONDARY_COLLEGE, head="kj_dean@u", secretary="kj_sec@u", parent=SCHOOL.name
)
INTERNAL = Unit("会计学院学工办", tiers.INTERNAL_OFFICE, head="kj_xgb@u", parent=COLLEGE.name)
CLASS = Unit("会计2301班", tiers.CLASS, counsellor="fdy@u", parent=COLLEGE.name)
STUDENT_ORG = Unit("会计学院学生会", tiers.STUDENT_ORGANISATION, advisor="xsh_teacher@u", parent=COLLEGE.name)
CLUB = Unit("摄影协会", tiers.CLUB, advisor="club_teacher@u", parent=YOUTH.name)
WORK_GROUP = Unit("资产管理员群", tiers.WORK_GROUP, parent=OFFICE.name)
HEADLESS_INTERNAL = Unit("会计学院实验中心", tiers.INTERNAL_OFFICE, parent=COLLEGE.name)


def test_h3_tier1_school_accounts_are_run_by_propaganda():
	s = derive(SCHOOL, [], PROPAGANDA)
	assert (s.tier, s.supervisor, s.supervisor_unit, s.basis) == (
		1,
		"xcb_head@u",
		PROPAGANDA.name,
		tiers.BASIS_SCHOOL,
	)
	assert s.responsible_person == "xcb_head@u"


def test_h3_tier1_without_propaganda_unit_falls_back_to_school_head():
	s = derive(SCHOOL, [], None)
	assert (s.tier, s.supervisor, s.supervisor_unit) == (1, "president@u", SCHOOL.name)


@pytest.mark.parametrize("unit", [PROPAGANDA, OFFICE, COLLEGE])
def test_h3_tier2_supervised_by_unit_heads(unit):
	s = derive(unit, [SCHOOL], PROPAGANDA)
	assert s.tier == 2
	assert s.supervisor == unit.head
	assert s.basis == tiers.BASIS_UNIT_HEAD
	assert s.tier2_unit == unit.name
	# S12: the host unit's head is the first responsible person
	assert s.responsible_person == unit.head


def test_h3_tier2_party_secretary_is_an_extra_supervisor():
	assert derive(COLLEGE, [SCHOOL]).extra_supervisors == ("kj_sec@u",)
	assert derive(OFFICE, [SCHOOL]).extra_supervisors == ()


def test_h3_class_supervised_by_counsellor_and_college_head_is_responsible():
	s = derive(CLASS, [COLLEGE, SCHOOL], PROPAGANDA)
	assert (s.tier, s.supervisor, s.basis) == (3, "fdy@u", tiers.BASIS_COUNSELLOR)
	assert s.supervisor_unit == CLASS.name
	assert s.responsible_person == "kj_dean@u"
	assert s.responsible_unit == COLLEGE.name
	assert s.tier2_unit == COLLEGE.name


@pytest.mark.parametrize("unit,parents", [(CLUB, [YOUTH, SCHOOL]), (STUDENT_ORG, [COLLEGE, SCHOOL])])
def test_h3_clubs_and_student_organisations_supervised_by_advisor(unit, parents):
	s = derive(unit, parents, PROPAGANDA)
	assert (s.tier, s.supervisor, s.basis) == (3, unit.advisor, tiers.BASIS_ADVISOR)
	assert s.tier2_unit == parents[0].name


def test_h3_work_group_supervised_by_head_of_owners_tier2_unit():
	s = derive(WORK_GROUP, [OFFICE, SCHOOL], PROPAGANDA)
	assert (s.tier, s.supervisor, s.basis, s.supervisor_unit) == (
		3,
		"xgc_head@u",
		tiers.BASIS_TIER2_HEAD,
		OFFICE.name,
	)


def test_h3_internal_office_supervised_by_its_own_head():
	s = derive(INTERNAL, [COLLEGE, SCHOOL])
	assert (s.tier, s.supervisor, s.basis) == (3, "kj_xgb@u", tiers.BASIS_OWN_HEAD)
	assert s.responsible_person == "kj_xgb@u"


def test_h3_internal_office_without_head_falls_to_tier2_head():
	s = derive(HEADLESS_INTERNAL, [COLLEGE, SCHOOL])
	assert (s.supervisor, s.basis) == ("kj_dean@u", tiers.BASIS_TIER2_HEAD)


def test_h3_nested_club_under_student_org_keeps_its_tier2_unit():
	club = Unit("会计学院读书社", tiers.CLUB, advisor="reader@u", parent=STUDENT_ORG.name)
	s = derive(club, [STUDENT_ORG, COLLEGE, SCHOOL])
	assert (s.tier, s.supervisor, s.tier2_unit) == (3, "reader@u", COLLEGE.name)


def test_h3_every_unit_type_has_a_tier():
	assert {t: tiers.tier_of_type(t) for t in tiers.UNIT_TYPES} == {
		"School": 1,
		"Department": 2,
		"Office": 2,
		"Secondary College": 2,
		"Internal Office": 3,
		"Class": 3,
		"Student Organisation": 3,
		"Club": 3,
		"Work Group": 3,
	}
	with pytest.raises(tiers.TreeError):
		tiers.tier_of_type("Planet")


@pytest.mark.parametrize(
	"unit",
	[
		Unit("x", tiers.CLASS, parent="c"),
		Unit("x", tiers.CLUB, parent="c"),
		Unit("x", tiers.DEPARTMENT, parent="s"),
	],
)
def test_missing_supervisor_is_an_error_not_a_blank(unit):
	parent = COLLEGE if unit.unit_type != tiers.DEPARTMENT else SCHOOL
	with pytest.raises(tiers.TreeError) as err:
		derive(unit, [parent, SCHOOL])
	assert err.value.code == "no_supervisor"


def test_validate_unit_requires_the_person_each_type_calls_for():
	assert validate_unit(Unit("c", tiers.CLASS), COLLEGE) == ["missing_counsellor"]
	assert validate_unit(Unit("c", tiers.CLUB), YOUTH) == ["missing_advisor"]
	assert validate_unit(Unit("d", tiers.DEPARTMENT), SCHOOL) == ["missing_head"]
	assert validate_unit(Unit("w", tiers.WORK_GROUP), OFFICE) == []
	assert validate_unit(CLASS, COLLEGE) == []


def test_validate_unit_checks_the_shape_of_the_tree():
	assert validate_unit(Unit("s2", tiers.SCHOOL, head="h"), SCHOOL) == ["school_not_root"]
	assert validate_unit(Unit("d", tiers.DEPARTMENT, head="h"), None) == ["missing_parent"]
	assert validate_unit(Unit("c", tiers.CLASS, counsellor="f"), SCHOOL) == ["parent_type_not_allowed"]
	assert validate_unit(Unit("d", tiers.DEPARTMENT, head="h"), COLLEGE) == ["parent_type_not_allowed"]
	assert validate_unit(Unit("x", "Planet"), SCHOOL) == ["unknown_type"]


def test_basis_text_names_the_unit():
	s = derive(CLASS, [COLLEGE, SCHOOL])
	assert s.basis_text() == "Counsellor of the class (会计2301班)"
