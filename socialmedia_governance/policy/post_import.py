"""Platform exports as pure rules: recognising an export by its Chinese headings (presets for the
WeChat official-account back end, Weibo, Douyin and Bilibili creator centres, or a mapping an admin
saved for an unknown export), and reading each row into a post with a clear reason when it cannot
be read. Figures like "1.2万" and "10万+" and the date styles these exports use are understood."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

from socialmedia_governance.policy import posts

FIELDS = ("published_at", "title", "link", "summary", *posts.FIGURES, "bvid")
FIELD_LABELS = {
	"published_at": "Published At",
	"title": "Title",
	"link": "Link",
	"summary": "Text or Summary",
	"reads": "Reads",
	"likes": "Likes",
	"shares": "Shares",
	"comments": "Comment Count",
	"wow": "Wow (在看)",
	"bvid": "Bilibili BV ID",
}

# heading (as exported) -> field. Several spellings per field: the back ends rename columns.
PRESETS: dict[str, dict[str, str]] = {
	"WeChat Official Account": {
		"内容标题": "title",
		"文章标题": "title",
		"标题": "title",
		"发表时间": "published_at",
		"群发时间": "published_at",
		"发布时间": "published_at",
		"阅读次数": "reads",
		"阅读数": "reads",
		"总阅读人数": "reads",
		"点赞次数": "likes",
		"点赞数": "likes",
		"点赞人数": "likes",
		"分享次数": "shares",
		"分享数": "shares",
		"分享人数": "shares",
		"在看次数": "wow",
		"在看数": "wow",
		"在看人数": "wow",
		"留言数": "comments",
		"留言次数": "comments",
		"文章链接": "link",
		"原文链接": "link",
	},
	"Weibo": {
		"微博内容": "title",
		"博文内容": "title",
		"发布时间": "published_at",
		"发博时间": "published_at",
		"阅读数": "reads",
		"阅读量": "reads",
		"转发数": "shares",
		"转发量": "shares",
		"评论数": "comments",
		"评论量": "comments",
		"点赞数": "likes",
		"赞": "likes",
		"微博链接": "link",
		"博文链接": "link",
	},
	"Douyin": {
		"作品名称": "title",
		"作品标题": "title",
		"视频标题": "title",
		"发布时间": "published_at",
		"播放量": "reads",
		"播放数": "reads",
		"点赞量": "likes",
		"点赞数": "likes",
		"评论量": "comments",
		"评论数": "comments",
		"分享量": "shares",
		"分享数": "shares",
		"作品链接": "link",
		"视频链接": "link",
	},
	"Bilibili": {
		"稿件标题": "title",
		"标题": "title",
		"投稿时间": "published_at",
		"发布时间": "published_at",
		"播放": "reads",
		"播放量": "reads",
		"点赞": "likes",
		"评论": "comments",
		"分享": "shares",
		"稿件链接": "link",
		"BV号": "bvid",
		"bvid": "bvid",
	},
}
# Headings that tell one export from another (a WeChat export has 在看, Weibo 转发, …).
SIGNATURE = {
	"WeChat Official Account": ("在看次数", "在看数", "在看人数", "群发时间", "留言数"),
	"Weibo": ("微博内容", "博文内容", "转发数", "转发量", "微博链接"),
	"Douyin": ("作品名称", "作品标题", "播放量", "作品链接"),
	"Bilibili": ("稿件标题", "投稿时间", "BV号", "bvid"),
}


# The platform (Social Media Platform's code) whose back end writes each preset's export.
PRESET_PLATFORM = {
	"WeChat Official Account": "wechat_mp",
	"Weibo": "weibo",
	"Douyin": "douyin",
	"Bilibili": "bilibili",
}


def readers_for(
	names: Iterable[str], owners: Mapping[str, str | None], platform: str | None
) -> tuple[list[str], list[str]]:
	"""Of the readers ``names`` (presets and saved mappings), those an account's export may be read
	with, and the others. ``owners`` gives a reader's platform (absent or None: any platform). An
	export of one platform read into an account of another would put another account's posts in
	its record."""
	own, others = [], []
	for name in names:
		owner = owners.get(name)
		(own if not owner or not platform or owner == platform else others).append(name)
	return own, others


def heading_key(heading) -> str:
	"""Headings compared without blanks, full-width brackets or case."""
	text = str(heading or "").strip().replace("（", "(").replace("）", ")")
	return re.sub(r"\s+", "", text).lower()


def columns(headings: Sequence, mapping: Mapping[str, str]) -> dict[int, str]:
	"""Column index -> field for the headings the mapping knows (the first column wins per field)."""
	known = {heading_key(h): f for h, f in mapping.items()}
	found: dict[int, str] = {}
	for index, heading in enumerate(headings):
		field = known.get(heading_key(heading))
		if field and field not in found.values():
			found[index] = field
	return found


def usable(found: Mapping[int, str]) -> bool:
	fields = set(found.values())
	return "published_at" in fields and bool(fields & {"title", "link", "bvid"})


def detect(
	headings: Sequence, mappings: Mapping[str, Mapping[str, str]]
) -> tuple[str | None, dict[int, str]]:
	"""The preset or saved mapping that reads most of these headings (the platform's signature
	headings break ties), or (None, {}) when none can read a time and a title or link."""
	keys = {heading_key(h) for h in headings}
	best, best_score, best_columns = None, (0, 0), {}
	for name, mapping in mappings.items():
		found = columns(headings, mapping)
		if not usable(found):
			continue
		signature = sum(1 for h in SIGNATURE.get(name, ()) if heading_key(h) in keys)
		score = (len(found), signature)
		if score > best_score:
			best, best_score, best_columns = name, score, found
	return best, best_columns


_WAN = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*([万wW亿])?\s*\+?$")


def parse_count(value) -> int | None:
	"""1234, "1,234", "1.2万", "10万+", "3w" -> whole numbers; "", "-", "--" -> None."""
	if value is None:
		return None
	if isinstance(value, bool):
		raise ValueError(value)
	if isinstance(value, int):
		number = value
	elif isinstance(value, float):
		if value != value or value in (float("inf"), float("-inf")):
			raise ValueError(value)
		number = int(round(value))
	else:
		text = str(value).strip().replace(",", "").replace("，", "")
		if text in ("", "-", "--", "—", "/"):
			return None
		match = _WAN.match(text)
		if not match:
			raise ValueError(value)
		number = (
			float(match.group(1))
			* {None: 1, "万": 10_000, "w": 10_000, "W": 10_000, "亿": 10**8}[match.group(2)]
		)
		number = int(round(number))
	if not 0 <= number <= posts.MAX_FIGURE:
		raise ValueError(value)
	return number


_FORMATS = (
	"%Y-%m-%d %H:%M:%S",
	"%Y-%m-%d %H:%M",
	"%Y-%m-%d",
	"%Y/%m/%d %H:%M:%S",
	"%Y/%m/%d %H:%M",
	"%Y/%m/%d",
	"%Y%m%d",
	"%Y.%m.%d %H:%M",
	"%Y.%m.%d",
	"%Y年%m月%d日 %H:%M:%S",
	"%Y年%m月%d日 %H:%M",
	"%Y年%m月%d日%H:%M",
	"%Y年%m月%d日",
)
EXCEL_EPOCH = datetime(1899, 12, 30)


def parse_time(value) -> datetime:
	"""A publication time from a cell: a datetime, a date, an Excel serial number or text."""
	if isinstance(value, datetime):
		return value.replace(tzinfo=None)
	if isinstance(value, date):
		return datetime(value.year, value.month, value.day)
	if isinstance(value, int | float) and not isinstance(value, bool):
		if 20000 < value < 80000:  # Excel serial day numbers 1954–2119
			return EXCEL_EPOCH + timedelta(days=float(value))
		raise ValueError(value)
	text = re.sub(r"\s+", " ", str(value or "").strip())
	for fmt in _FORMATS:
		try:
			return datetime.strptime(text, fmt)
		except ValueError:
			continue
	raise ValueError(value)


def read_row(cells: Sequence, found: Mapping[int, str], now: datetime) -> tuple[dict | None, tuple | None]:
	"""(post, None) or (None, (English reason, *args)) for one row of an export."""
	values = {field: cells[index] if index < len(cells) else None for index, field in found.items()}
	if all(v is None or str(v).strip() == "" for v in values.values()):
		return None, None  # an empty row: skipped silently
	try:
		published = parse_time(values.get("published_at"))
	except ValueError:
		return None, ("The publication time {0} is not a date and time.", _show(values.get("published_at")))
	if published.year < posts.EARLIEST_YEAR or published > now + posts.FUTURE_TOLERANCE:
		return None, ("The publication time {0} is out of range.", _show(values.get("published_at")))
	post = {"published_at": published}
	for field in posts.FIGURES:
		if field in values:
			try:
				post[field] = parse_count(values[field])
			except ValueError:
				return None, ("{0} is not a number: {1}", FIELD_LABELS[field], _show(values[field]))
	link = str(values.get("link") or "").strip()
	bvid = str(values.get("bvid") or "").strip()
	if not link and re.fullmatch(r"BV[0-9A-Za-z]{10}", bvid):
		link = f"https://www.bilibili.com/video/{bvid}"
	if link and not link.lower().startswith(("http://", "https://")):
		return None, ("The link {0} does not start with http:// or https://.", _show(link))
	title = str(values.get("title") or "").strip()
	if not title and not link:
		return None, ("The row has neither a title nor a link.",)
	post.update({"title": title, "link": link, "summary": values.get("summary")})
	return post, None


def _show(value) -> str:
	text = str(value if value is not None else "")
	return text if len(text) <= 40 else text[:40] + "…"


TEXTS = (
	*PRESETS,
	*FIELD_LABELS.values(),
	"The publication time {0} is not a date and time.",
	"The publication time {0} is out of range.",
	"{0} is not a number: {1}",
	"The link {0} does not start with http:// or https://.",
	"The row has neither a title nor a link.",
)
