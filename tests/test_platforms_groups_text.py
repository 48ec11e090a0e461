import pytest

from socialmedia_governance.policy import groups, platforms, presets, text

PATTERNS = {code: pattern for _n, code, _k, pattern, _e in platforms.DEFAULT_PLATFORMS}


def test_s3_h2_seeded_platforms_cover_the_regulations_and_todays_platforms():
	names = {n for n, *_ in platforms.DEFAULT_PLATFORMS}
	for required in (
		"微信公众号",
		"新浪微博",
		"腾讯微博",
		"博客",
		"论坛",
		"抖音",
		"播客",
		"百度贴吧",
		"微信群",
		"QQ群",
	):
		assert required in names
	for modern in ("微信视频号", "小红书", "哔哩哔哩", "快手", "今日头条", "企业微信群", "钉钉群"):
		assert modern in names
	kinds = {k for _n, _c, k, _p, _e in platforms.DEFAULT_PLATFORMS}
	assert kinds == {"Public Account", "Chat Group"}
	codes = [c for _n, c, *_ in platforms.DEFAULT_PLATFORMS]
	assert len(codes) == len(set(codes))


def test_every_seeded_example_matches_its_own_pattern():
	for name, _code, _kind, pattern, example in platforms.DEFAULT_PLATFORMS:
		assert platforms.pattern_is_valid(pattern), name
		if pattern:
			assert platforms.id_matches(example, pattern), name


@pytest.mark.parametrize(
	"code,value,ok",
	[
		("wechat_mp", "gh_1a2b3c4d5e6f", True),
		("wechat_mp", "gh_1", False),
		("wechat_mp", "1abcdef", False),
		("qq_group", "689012345", True),
		("qq_group", "0123", False),
		("qq_group", "QQ群123", False),
		("bilibili", "12345", True),
		("bilibili", "abc", False),
		("blog", "https://blog.example.edu.cn", True),
		("blog", "blog.example.edu.cn", False),
		("wechat_group", "任何", True),
	],
)
def test_platform_id_formats(code, value, ok):
	assert platforms.id_matches(value, PATTERNS[code]) is ok


def test_normalise_id_folds_full_width_and_blanks():
	assert platforms.normalise_id("  ６８９ ０１２ ３４５ ") == "689012345"
	assert platforms.normalise_id("ｇｈ＿１ａ２ｂ") == "gh_1a2b"
	assert platforms.normalise_id(None) == ""


def test_broken_pattern_is_reported_invalid():
	assert not platforms.pattern_is_valid("([a-z")
	assert platforms.pattern_is_valid("")


def test_is_http_url():
	assert platforms.is_http_url("https://mp.weixin.qq.com/s/abc")
	assert not platforms.is_http_url("javascript:alert(1)")
	assert not platforms.is_http_url("mp.weixin.qq.com/s/abc")
	assert not platforms.is_http_url("")


def test_h4_1_group_filing_threshold_and_school_name():
	assert not groups.filing_required(49, 50, False)
	assert groups.filing_required(50, 50, False)
	assert groups.filing_required(3, 50, True)
	assert not groups.filing_required(None, 50, False)
	assert groups.filing_overdue(60, 50, False, filed=False)
	assert not groups.filing_overdue(60, 50, False, filed=True)


def test_member_count_problems():
	assert groups.member_count_problem(-1) == "negative"
	assert groups.member_count_problem("abc") == "not_a_number"
	assert groups.member_count_problem(10**9) == "too_large"
	assert groups.member_count_problem(0) is None
	assert groups.member_count_problem(None) is None


def test_presets_ship_both_regulations_with_their_differences():
	hufe, sctbc = presets.preset_values("HUFE 2018"), presets.preset_values("SCTBC 2017")
	assert hufe["change_report_working_days"] == 3 and hufe["group_filing_threshold"] == 50
	assert hufe["review_open_month"] == 12 and hufe["review_open_day"] == 1
	assert hufe["tier3_reviewer"] == "Tier-2 Unit Head" and sctbc["tier3_reviewer"] == "Propaganda Department"
	assert sctbc["student_org_via_youth_league"] == 1 and hufe["student_org_via_youth_league"] == 1
	assert set(hufe) == set(sctbc)
	hufe["award_ban_months"] = 99
	assert presets.preset_values("HUFE 2018")["award_ban_months"] == 12  # a copy
	with pytest.raises(KeyError):
		presets.preset_values("nope")


@pytest.mark.parametrize(
	"value,bad",
	[
		("管理员：张三，密码: Abc12345", True),
		("登录密码是hufe2024!", True),
		("password=hunter22", True),
		("PWD：xk2y7z", True),
		("口令为 88886666", True),
		("密码已密封存档于宣传部保险柜", False),
		("密码：已密封", False),
		("密码: ******", False),
		("负责更换密码并报宣传部备案", False),
		("", False),
		(None, False),
	],
)
def test_s17_credential_like_text_is_detected(value, bad):
	assert text.looks_like_credential(value) is bad


def test_platform_statuses_are_the_registers_status_options():
	import json
	from pathlib import Path

	root = Path(__file__).resolve().parents[1] / "socialmedia_governance" / "registry" / "doctype"
	for register in ("social_media_account", "social_media_group"):
		meta = json.loads((root / register / f"{register}.json").read_text(encoding="utf-8"))
		status = next(f for f in meta["fields"] if f["fieldname"] == "status")
		assert tuple(status["options"].split("\n")) == platforms.STATUSES


def test_unit_types_with_children_and_student_units():
	from socialmedia_governance.policy import tiers

	assert tiers.GROUP_TYPES == {
		tiers.SCHOOL,
		*tiers.TIER_2_TYPES,
		tiers.INTERNAL_OFFICE,
		tiers.STUDENT_ORGANISATION,
	}
	assert tiers.STUDENT_TYPES == {tiers.STUDENT_ORGANISATION, tiers.CLUB}
	assert tiers.STUDENT_RUN_TYPES == {tiers.CLASS, tiers.STUDENT_ORGANISATION, tiers.CLUB}
