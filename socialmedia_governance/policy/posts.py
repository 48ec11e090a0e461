"""Published posts as pure rules: the key that makes a post unique on its account, plain text from
what feeds and exports deliver, and a publication time that can be trusted.

A post is the same post when it has the same link on the same account; a post without a link
(platform exports often have none) is the same when its title and minute of publication are.
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import datetime, timedelta
from html.parser import HTMLParser

MANUAL = "Manual"
FEED = "Feed"
IMPORT = "Import"
RELEASE = "Coordinated Release"
FILING = "Content Filing"
SOURCES = (MANUAL, FEED, IMPORT, RELEASE, FILING)

TITLE_LENGTH = 500
LINK_LENGTH = 1000
SUMMARY_LENGTH = 20000
FIGURES = ("reads", "likes", "shares", "comments", "wow")
MAX_FIGURE = 2**31 - 1  # an Int column

# A publication time further in the future than this, or before this year, is not believed: the
# post counts from when it was first seen (feeds with broken clocks or a 1970 default).
FUTURE_TOLERANCE = timedelta(days=1)
EARLIEST_YEAR = 2000


def normalise_link(link: str | None) -> str:
	return (link or "").strip()[:LINK_LENGTH]


def dedupe_key(link: str | None, title: str | None = None, published_at: datetime | None = None) -> str:
	"""40 hex digits naming the post on its account (SQL: ``sha1(link)`` for posts with a link)."""
	link = normalise_link(link)
	if link:
		basis = link
	else:
		minute = published_at.strftime("%Y-%m-%d %H:%M") if published_at else ""
		basis = f"{(title or '').strip()}\n{minute}"
	return hashlib.sha1(basis.encode("utf-8")).hexdigest()


class _Text(HTMLParser):
	_SKIP = {"script", "style"}
	_BLOCK = {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}

	def __init__(self):
		super().__init__(convert_charrefs=True)
		self.parts: list[str] = []
		self.skipping = 0

	def handle_starttag(self, tag, attrs):
		if tag in self._SKIP:
			self.skipping += 1
		elif tag in self._BLOCK:
			self.parts.append("\n")

	def handle_endtag(self, tag):
		if tag in self._SKIP and self.skipping:
			self.skipping -= 1

	def handle_data(self, data):
		if not self.skipping:
			self.parts.append(data)


def plain_text(value: str | None, limit: int, multiline: bool = False) -> str:
	"""Text from what may be HTML: tags and scripts dropped, entities decoded, blanks collapsed."""
	if not value:
		return ""
	value = str(value).replace("\x00", "")
	if "<" in value or "&" in value:
		parser = _Text()
		parser.feed(value)
		parser.close()
		value = "".join(parser.parts)
	value = html.unescape(value)
	if multiline:
		value = "\n".join(re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in value.split("\n"))
		value = re.sub(r"\n{3,}", "\n\n", value).strip()
	else:
		value = re.sub(r"\s+", " ", value).strip()
	return value[:limit]


def trusted_time(published: datetime | None, first_seen: datetime) -> datetime:
	"""When the post was published, as far as it can be believed (else when it was first seen)."""
	if published is None or published.year < EARLIEST_YEAR or published > first_seen + FUTURE_TOLERANCE:
		return first_seen
	return min(published, first_seen)  # a clock a little ahead: not later than it was seen


def figure(value) -> int | None:
	"""A figure as a whole number in range, or None."""
	if value is None or value == "":
		return None
	try:
		number = int(value)
	except (TypeError, ValueError):
		return None
	return number if 0 <= number <= MAX_FIGURE else None
