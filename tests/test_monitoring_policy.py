"""Feeds, posts and platform exports (issue 19) as pure rules, without a site."""

from datetime import date, datetime, timedelta

import pytest

from socialmedia_governance.policy import feeds, platforms, post_import, posts

NOW = datetime(2026, 11, 30, 12, 0)


# ------------------------------------------------------------------------------------ feeds


def test_feed_url_prefers_the_accounts_own_then_the_route():
	assert feeds.feed_url(" https://x/feed ", "https://rss", "/weibo/user/{id}", "1") == "https://x/feed"
	assert feeds.feed_url(None, "https://rss.edu.cn/", "/weibo/user/{id}", "2145678901") == (
		"https://rss.edu.cn/weibo/user/2145678901"
	)
	assert (
		feeds.feed_url(None, "https://rss.edu.cn", "weibo/user/{id}", "7")
		== "https://rss.edu.cn/weibo/user/7"
	)
	assert feeds.feed_url(None, "", "/weibo/user/{id}", "1") is None
	assert feeds.feed_url(None, "https://rss", None, "1") is None
	assert feeds.feed_url(None, "https://rss", "/weibo/user/{id}", "") is None


@pytest.mark.parametrize(
	"route, ok", [("/weibo/user/{id}", True), ("/weibo/user/", False), ("https://x/{id}", False), ("", False)]
)
def test_route_errors(route, ok):
	assert (feeds.route_error(route) is None) is ok


@pytest.mark.parametrize(
	"address",
	[
		"127.0.0.1",
		"10.1.2.3",
		"172.16.0.1",
		"192.168.1.1",
		"169.254.169.254",
		"::1",
		"fe80::1",
		"0.0.0.0",
		"::ffff:127.0.0.1",
		"fc00::1",
		"224.0.0.1",
		"not-an-ip",
	],
)
def test_internal_addresses(address):
	assert feeds.address_is_internal(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "2400:3200::1", "111.13.100.91"])
def test_public_addresses(address):
	assert not feeds.address_is_internal(address)


def test_refusal_and_the_allow_list():
	none = feeds.allow_list("")
	assert feeds.refusal("http://rss.example.com/a", ["8.8.8.8"], none) is None
	assert feeds.refusal("http://rss.example.com/a", ["8.8.8.8", "10.0.0.1"], none)  # any bad address
	assert feeds.refusal("http://127.0.0.1:1200/a", ["127.0.0.1"], none)
	assert feeds.refusal("gopher://x/", ["8.8.8.8"], none)
	assert feeds.refusal("http://u:p@x/", ["8.8.8.8"], none)
	assert feeds.refusal("http://nowhere.invalid/", [], none)
	allowed = feeds.allow_list("rsshub.campus.local  # our RSSHub\n127.0.0.1\n10.20.0.0/16\n")
	assert feeds.refusal("http://rsshub.campus.local/x", ["10.9.9.9"], allowed) is None
	assert feeds.refusal("http://127.0.0.1:1200/x", ["127.0.0.1"], allowed) is None
	assert feeds.refusal("http://h/x", ["10.20.3.4"], allowed) is None
	assert feeds.refusal("http://h/x", ["10.21.3.4"], allowed)


def test_backoff_doubles_up_to_a_day():
	assert feeds.retry_after(0, 15) == timedelta(0)
	assert [feeds.retry_after(n, 15).seconds // 60 for n in (1, 2, 3)] == [15, 30, 60]
	assert feeds.retry_after(30, 15) == timedelta(days=1)


def test_health():
	old, recent = NOW - timedelta(days=20), NOW - timedelta(days=1)
	assert feeds.health(None, None, None, None, NOW, 14) == feeds.NO_FEED
	assert feeds.health("u", recent, recent, old, NOW, 14) == feeds.FAILING
	assert feeds.health("u", None, old, old, NOW, 14) == feeds.NO_NEW_ITEMS
	assert feeds.health("u", None, None, old, NOW, 14) == feeds.NO_NEW_ITEMS
	assert feeds.health("u", None, recent, old, NOW, 14) == feeds.OK


# ------------------------------------------------------------------------------------ posts


def test_dedupe_key_by_link_else_title_and_minute():
	assert posts.dedupe_key(" https://a/1 ") == posts.dedupe_key("https://a/1")
	assert posts.dedupe_key("https://a/1") != posts.dedupe_key("https://a/2")
	t = datetime(2026, 1, 1, 8, 30, 15)
	assert posts.dedupe_key("", "标题", t) == posts.dedupe_key(None, " 标题 ", t.replace(second=0))
	assert posts.dedupe_key("", "标题", t) != posts.dedupe_key("", "标题", t + timedelta(minutes=1))


def test_plain_text_drops_markup_and_scripts():
	assert posts.plain_text("<b>a</b> &amp; <script>evil()</script>b", 100) == "a & b"
	assert posts.plain_text("x" * 600, 500) == "x" * 500
	assert posts.plain_text("<p>one</p><p>two</p>", 100, multiline=True) == "one\ntwo"
	assert posts.plain_text(None, 10) == ""


def test_trusted_time():
	assert posts.trusted_time(datetime(1970, 1, 1), NOW) == NOW
	assert posts.trusted_time(datetime(2100, 1, 1), NOW) == NOW
	assert posts.trusted_time(None, NOW) == NOW
	assert posts.trusted_time(NOW + timedelta(hours=2), NOW) == NOW  # a clock a little ahead
	assert posts.trusted_time(datetime(2026, 5, 1), NOW) == datetime(2026, 5, 1)


# ------------------------------------------------------------------------------ platform exports

WECHAT = ["内容标题", "发表时间", "总阅读人数", "分享人数", "在看人数", "点赞人数", "留言数"]
WEIBO = ["微博内容", "发布时间", "阅读数", "转发数", "评论数", "点赞数", "微博链接"]
DOUYIN = ["作品名称", "发布时间", "播放量", "点赞量", "评论量", "分享量", "作品链接"]
BILIBILI = ["稿件标题", "BV号", "投稿时间", "播放", "点赞", "评论", "分享"]


@pytest.mark.parametrize(
	"headings, preset",
	[(WECHAT, "WeChat Official Account"), (WEIBO, "Weibo"), (DOUYIN, "Douyin"), (BILIBILI, "Bilibili")],
)
def test_presets_recognise_their_exports(headings, preset):
	name, found = post_import.detect(headings, post_import.PRESETS)
	assert name == preset
	assert "published_at" in found.values()


def test_unknown_exports_need_a_mapping_which_is_then_recognised():
	headings = ["日期", "题目", "网址", "浏览"]
	assert post_import.detect(headings, post_import.PRESETS) == (None, {})
	saved = {"学校网站": {"日期": "published_at", "题目": "title", "网址": "link", "浏览": "reads"}}
	name, found = post_import.detect(headings, {**post_import.PRESETS, **saved})
	assert name == "学校网站"
	assert found == {0: "published_at", 1: "title", 2: "link", 3: "reads"}


def test_an_accounts_export_is_read_only_by_readers_of_its_platform_or_of_none():
	owners = {
		"WeChat Official Account": "微信公众号",
		"Weibo": "新浪微博",
		"学校网站": None,
		"抖音后台": "抖音",
	}
	assert post_import.readers_for(owners, owners, "新浪微博") == (
		["Weibo", "学校网站"],
		["WeChat Official Account", "抖音后台"],
	)
	assert post_import.readers_for(owners, owners, "快手") == (
		["学校网站"],
		["WeChat Official Account", "Weibo", "抖音后台"],
	)
	assert post_import.readers_for(owners, owners, None) == (list(owners), [])
	# every preset names the platform whose back end writes it
	assert set(post_import.PRESET_PLATFORM) == set(post_import.PRESETS)
	shipped = {code for _name, code, *_rest in platforms.DEFAULT_PLATFORMS}
	assert set(post_import.PRESET_PLATFORM.values()) <= shipped


def test_headings_match_without_blanks_or_full_width_brackets():
	assert post_import.heading_key(" 阅读（次数） ") == post_import.heading_key("阅读(次数)")


@pytest.mark.parametrize(
	"value, number",
	[
		(12, 12),
		(3.0, 3),
		("1,234", 1234),
		("1.2万", 12000),
		("10万+", 100000),
		("3w", 30000),
		("", None),
		("-", None),
		(None, None),
	],
)
def test_counts(value, number):
	assert post_import.parse_count(value) == number


@pytest.mark.parametrize("value", ["abc", "-5", True, float("nan"), 2**40])
def test_bad_counts(value):
	with pytest.raises(ValueError):
		post_import.parse_count(value)


@pytest.mark.parametrize(
	"value",
	[
		"2026-03-01 08:30",
		"2026/3/1 8:30",
		"2026年3月1日 08:30",
		datetime(2026, 3, 1, 8, 30),
		46082.3541666667,
	],
)
def test_times(value):
	assert post_import.parse_time(value).replace(second=0, microsecond=0) == datetime(2026, 3, 1, 8, 30)


def test_dates_and_bad_times():
	assert post_import.parse_time(date(2026, 3, 1)) == datetime(2026, 3, 1)
	assert post_import.parse_time("20260301") == datetime(2026, 3, 1)
	for bad in ("昨天", "2026-13-01", 12, None):
		with pytest.raises(ValueError):
			post_import.parse_time(bad)


def test_read_row_reports_the_reason():
	found = {0: "title", 1: "published_at", 2: "reads", 3: "bvid"}
	post, error = post_import.read_row(["视频", "2026-03-01 08:30", "1.5万", "BV1xx411c7mD"], found, NOW)
	assert error is None
	assert post["reads"] == 15000
	assert post["link"] == "https://www.bilibili.com/video/BV1xx411c7mD"
	assert post_import.read_row(["x", "昨天", "1", ""], found, NOW)[1][0].startswith("The publication time")
	assert post_import.read_row(["x", "2099-01-01", "1", ""], found, NOW)[1][0].endswith("out of range.")
	assert (
		post_import.read_row(["x", "2026-03-01", "很多", ""], found, NOW)[1][0] == "{0} is not a number: {1}"
	)
	assert post_import.read_row(["", "2026-03-01", "1", ""], found, NOW)[1] == (
		"The row has neither a title nor a link.",
	)
	assert post_import.read_row([None, None, None, None], found, NOW) == (None, None)
	bad_link = {0: "title", 1: "published_at", 2: "link"}
	assert "http" in post_import.read_row(["x", "2026-03-01", "javascript:alert(1)"], bad_link, NOW)[1][0]
