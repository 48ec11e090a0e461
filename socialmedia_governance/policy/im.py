"""IM group robots (WeCom, DingTalk, Feishu), as pure rules (the digest itself: policy/digest.py).

WeCom   group robot webhook; markdown message ``{"msgtype": "markdown", "markdown": {"content": …}}``.
DingTalk custom robot with a signing secret: ``sign = urlencode(base64(HMAC-SHA256(key=secret,
        msg=f"{timestamp}\\n{secret}")))``, ``timestamp`` in milliseconds, both as query parameters.
Feishu  custom robot with a signature: ``sign = base64(HMAC-SHA256(key=f"{timestamp}\\n{secret}",
        msg=b""))``, ``timestamp`` in seconds, both in the JSON body.
Failed deliveries are retried with exponential backoff and never dropped (``backoff``), except a
message the platform refused for itself (its size or form): that one would fail the same way
again, so it is split in two (``halves``) or kept as refused, never retried unchanged.

Documented limits (each platform's custom group robot guide, checked 2026-11):
WeCom    群机器人配置说明 (developer.work.weixin.qq.com/document/path/91770): ``markdown.content`` at
         most 4096 bytes of UTF-8, else errcode 40058 "markdown.content exceed max length 4096";
         at most 20 messages a minute per robot (errcode 45009 beyond).
DingTalk 自定义机器人接入 (open.dingtalk.com/document/group/custom-robot-access): at most 20
         messages a minute per robot, beyond that the robot is throttled for 10 minutes (errcode
         130101 "send too fast, exceed 20 times per minute"); a request body over 20,000 bytes is
         refused with errcode 460101 "message too long, exceed 20000 bytes".
Feishu   自定义机器人使用指南 (open.feishu.cn/document/client-docs/bot-v3/add-custom-bot): the request
         body at most 20 KB (else code 9499 "Bad Request"); 100 requests a minute and 5 a second
         per robot (code 11232 when throttled).
Bodies are sent as UTF-8 JSON (``encode``), so a Chinese character counts 3 bytes, not 6.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterable
from urllib.parse import quote_plus, urlencode, urlsplit, urlunsplit

WECOM, DINGTALK, FEISHU = "WeCom", "DingTalk", "Feishu"
CHANNELS = (WECOM, DINGTALK, FEISHU)
MAX_ATTEMPTS = 10

# Size limit in bytes: of the markdown content (WeCom) or of the whole request body (the others).
SIZE_LIMIT = {WECOM: 4096, DINGTALK: 20000, FEISHU: 20 * 1024}
# Room kept in a body for what is added when it is signed (Feishu's timestamp and sign fields).
SIGNATURE_ROOM = 128
# (messages, seconds): at most that many messages per robot in any window of that many seconds.
RATE_LIMITS = {WECOM: ((20, 60),), DINGTALK: ((20, 60),), FEISHU: ((100, 60), (5, 1))}
# Answers that refuse the message itself (size or form): sending it again unchanged cannot work.
REFUSED_CODES = {WECOM: {40058}, DINGTALK: {460101, 101002}, FEISHU: {9499}}


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
	digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
	return base64.b64encode(digest).decode()


def feishu_sign(secret: str, timestamp_s: int) -> str:
	digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
	return base64.b64encode(digest).decode()


def request_for(channel: str, webhook: str, text: str, secret: str | None, now_s: float) -> tuple[str, dict]:
	"""The URL and JSON body to POST for ``text`` on ``channel`` at time ``now_s`` (signed)."""
	if channel == WECOM:
		return webhook, {"msgtype": "markdown", "markdown": {"content": text}}
	if channel == DINGTALK:
		url = webhook
		if secret:
			ts = int(now_s * 1000)
			parts = urlsplit(webhook)
			query = "&".join(
				q
				for q in (
					parts.query,
					urlencode({"timestamp": ts}) + "&sign=" + quote_plus(dingtalk_sign(secret, ts)),
				)
				if q
			)
			url = urlunsplit(parts._replace(query=query))
		return url, {"msgtype": "markdown", "markdown": {"title": text.split("\n", 1)[0][:50], "text": text}}
	if channel == FEISHU:
		body: dict = {"msg_type": "text", "content": {"text": text}}
		if secret:
			ts = int(now_s)
			body.update(timestamp=str(ts), sign=feishu_sign(secret, ts))
		return webhook, body
	raise ValueError(f"unknown channel {channel!r}")


def accepted(channel: str, status: int, body: dict | None) -> bool:
	"""Whether the robot accepted the message (each answers 200 with its own error code)."""
	if status != 200 or not isinstance(body, dict):
		return False
	if channel == FEISHU:
		return body.get("code", body.get("StatusCode", 0)) == 0
	return body.get("errcode", 0) == 0


def encode(body: dict) -> bytes:
	"""The request body as sent: UTF-8 JSON (not ASCII escapes, which would double its size)."""
	return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def size(channel: str, text: str) -> int:
	"""The bytes of ``text`` that count against ``SIZE_LIMIT[channel]``."""
	if channel == WECOM:
		return len(text.encode())
	_url, body = request_for(channel, "https://robot.invalid/", text, None, 0)
	return len(encode(body)) + SIGNATURE_ROOM


def _line_cost(channel: str, line: str) -> int:
	"""What one more line ("\n" + line) adds to ``size``: sizes add up line by line."""
	if channel == WECOM:
		return 1 + len(line.encode())
	return len(json.dumps("\n" + line, ensure_ascii=False).encode()) - 2  # without the quotes


def clip(channel: str, line: str, budget: int) -> str:
	"""``line`` cut (at a character, with "…") so that it costs at most ``budget`` bytes."""
	if _line_cost(channel, line) <= budget:
		return line
	while line and _line_cost(channel, line + "…") > budget:
		line = line[: max(len(line) - max((_line_cost(channel, line) - budget) // 6, 1), 0)]
	return line + "…"


def split(channel: str, title: str, lead: list[str], lines: list[str]) -> list[str]:
	"""The messages that carry ``lines`` to a robot on ``channel``, each within the platform's size
	limit: every message starts with ``title`` (formatted with its number and the number of
	messages, "{0}/{1}"), the first continues with ``lead`` (the counts), then as many lines as fit,
	in order. A line too long for a message of its own is clipped."""
	limit = SIZE_LIMIT[channel]
	widest = str(len(lines) + 1)
	head = title.format(widest, widest)  # the widest numbering, so that every real one fits
	parts: list[list[str]] = [list(lead)]
	used = size(channel, head) + sum(_line_cost(channel, x) for x in lead)
	if used > limit:
		raise ValueError("the title and the counts alone exceed the size limit")
	empty = size(channel, head)
	for line in lines:
		cost = _line_cost(channel, line)
		if used + cost > limit and parts[-1]:
			parts.append([])
			used = empty
		if used + cost > limit:
			line = clip(channel, line, limit - used)
			cost = _line_cost(channel, line)
		parts[-1].append(line)
		used += cost
	total = len(parts)
	return ["\n".join([title.format(n, total), *part]) for n, part in enumerate(parts, 1)]


def halves(text: str) -> list[str]:
	"""A refused message as two messages (its first line, the title, on both), or the message alone
	when it has a single line under its title (nothing left to split)."""
	title, *lines = text.split("\n")
	if len(lines) < 2:
		return [text]
	middle = len(lines) // 2
	return ["\n".join([title, *lines[:middle]]), "\n".join([title, *lines[middle:]])]


def refused_as_sent(channel: str, status: int, body: dict | None) -> bool:
	"""Whether the robot refused the message itself (too large or malformed): retrying it unchanged
	would be refused again."""
	if status == 413:
		return True
	if not isinstance(body, dict):
		return False
	code = body.get("code") if channel == FEISHU else body.get("errcode")
	return code in REFUSED_CODES[channel]


def next_send_at(channel: str, sent: Iterable[float], now: float) -> float:
	"""The earliest time (seconds) the robot may send again, given when it sent its recent messages."""
	times = sorted(sent)
	at = now
	for count, seconds in RATE_LIMITS[channel]:
		recent = [t for t in times if t > now - seconds]
		if len(recent) >= count:
			at = max(at, recent[-count] + seconds)
	return at


_MARKDOWN = str.maketrans(
	{
		"[": "［",
		"]": "］",
		"(": "（",
		")": "）",
		"<": "＜",
		">": "＞",
		"*": "＊",
		"`": "｀",
		"#": "＃",
		"\n": " ",
		"\r": " ",
	}
)


def plain(channel: str, text: str) -> str:
	"""Text typed by users as it should appear in a robot message: on the markdown channels its
	markup characters are replaced by their full-width forms (no link or heading can be smuggled
	in); on every channel it stays on one line."""
	if channel == FEISHU:
		return text.replace("\n", " ").replace("\r", " ")
	return text.translate(_MARKDOWN)


def link(channel: str, label: str, url: str) -> str:
	"""A link to a record: markdown on WeCom and DingTalk, the label and the address on Feishu."""
	if channel == FEISHU:
		return f"{label} {url}"
	return f"[{plain(channel, label)}]({url})"


def grouped(entries: Iterable[tuple[str, str, str]]) -> list[tuple[str, list[tuple[str, str]]]]:
	"""(text, record label, url) entries as one entry per distinct text with all its records, in the
	order the texts first appear; a record listed twice under one text is listed once."""
	out: dict[str, dict[str, str]] = {}
	for text, label, url in entries:
		out.setdefault(text, {}).setdefault(label, url)
	return [(text, list(refs.items())) for text, refs in out.items()]


def backoff(attempts: int) -> int:
	"""Seconds before the next try after ``attempts`` failures: 1, 2, 4 … minutes, at most 6 hours."""
	return min(60 * 2 ** max(attempts - 1, 0), 6 * 3600)
