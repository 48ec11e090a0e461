"""Platform identifiers and URLs: normalisation and format checks (S3, H2)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlparse

MAX_ID_LENGTH = 140

# A platform's (account's or group's) status, as stored in its `status` field (English source,
# translated in the desk): registered, being approved, open, suspended by a review or a
# violation, closed for good.
DRAFT = "Draft"
UNDER_REVIEW = "Under Review"
ACTIVE = "Active"
SUSPENDED = "Suspended"
CLOSED = "Closed"
STATUSES = (DRAFT, UNDER_REVIEW, ACTIVE, SUSPENDED, CLOSED)

# Shipped defaults for the Social Media Platform master (admins may edit the patterns).
# kind: "Public Account" or "Chat Group". id_pattern: a regular expression the whole id must match
# (empty: any text is accepted).
DEFAULT_PLATFORMS = (
	# name, code, kind, id_pattern, example
	(
		"微信公众号",
		"wechat_mp",
		"Public Account",
		r"gh_[0-9a-f]{12}|[A-Za-z][-_A-Za-z0-9]{5,19}",
		"gh_1a2b3c4d5e6f",
	),
	("新浪微博", "weibo", "Public Account", r"\d{5,12}|[A-Za-z][A-Za-z0-9_]{3,29}", "2145678901"),
	("腾讯微博", "tencent_weibo", "Public Account", r"[A-Za-z][A-Za-z0-9_]{3,29}", "hufe_news"),
	("抖音", "douyin", "Public Account", r"[A-Za-z0-9_.]{2,16}", "hufe_official"),
	("微信视频号", "channels", "Public Account", r"sph[A-Za-z0-9]{6,20}", "sphAbC123xyz"),
	("小红书", "xiaohongshu", "Public Account", r"\d{6,12}|[A-Za-z0-9_]{6,15}", "9527001234"),
	("哔哩哔哩", "bilibili", "Public Account", r"\d{1,16}", "123456789"),
	("快手", "kuaishou", "Public Account", r"[A-Za-z0-9_]{3,20}", "hufe2024"),
	("今日头条", "toutiao", "Public Account", r"\d{6,20}", "1700000000000"),
	("百度贴吧", "tieba", "Public Account", r"[^\s]{1,32}", "湖南财政经济学院"),
	("博客", "blog", "Public Account", r"https?://[^\s]+", "https://blog.example.edu.cn/news"),
	("论坛", "forum", "Public Account", r"https?://[^\s]+", "https://bbs.example.edu.cn"),
	("播客", "podcast", "Public Account", r"https?://[^\s]+", "https://podcast.example.edu.cn/feed"),
	("微信群", "wechat_group", "Chat Group", "", ""),
	("QQ群", "qq_group", "Chat Group", r"[1-9]\d{4,10}", "689012345"),
	("企业微信群", "wecom_group", "Chat Group", "", ""),
	("钉钉群", "dingtalk_group", "Chat Group", r"\d{5,15}", "31234567"),
	("飞书群", "feishu_group", "Chat Group", "", ""),
)


def normalise_id(value: str | None) -> str:
	"""Trim, fold full-width characters (ＡＢＣ１２３ → ABC123) and drop inner blanks."""
	if not value:
		return ""
	value = unicodedata.normalize("NFKC", value).strip()
	return re.sub(r"\s+", "", value) if not value.startswith(("http://", "https://")) else value


def id_matches(value: str, pattern: str | None) -> bool:
	"""Whether ``value`` matches the platform's pattern in full (no pattern: anything goes)."""
	if not pattern:
		return True
	try:
		return re.fullmatch(pattern, value) is not None
	except re.error:
		return True  # a broken admin pattern must not block the register; Platform validates it


def pattern_is_valid(pattern: str | None) -> bool:
	if not pattern:
		return True
	try:
		re.compile(pattern)
	except re.error:
		return False
	return True


def is_http_url(value: str | None) -> bool:
	if not value:
		return False
	parsed = urlparse(value.strip())
	return parsed.scheme in ("http", "https") and bool(parsed.netloc) and " " not in value.strip()
