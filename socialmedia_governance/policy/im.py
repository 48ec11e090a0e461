"""IM group robots (WeCom, DingTalk, Feishu) and reminder digests, as pure rules.

WeCom   group robot webhook; markdown message ``{"msgtype": "markdown", "markdown": {"content": …}}``.
DingTalk custom robot with a signing secret: ``sign = urlencode(base64(HMAC-SHA256(key=secret,
        msg=f"{timestamp}\\n{secret}")))``, ``timestamp`` in milliseconds, both as query parameters.
Feishu  custom robot with a signature: ``sign = base64(HMAC-SHA256(key=f"{timestamp}\\n{secret}",
        msg=b""))``, ``timestamp`` in seconds, both in the JSON body.
Failed deliveries are retried with exponential backoff and never dropped (``backoff``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote_plus, urlencode, urlsplit, urlunsplit

WECOM, DINGTALK, FEISHU = "WeCom", "DingTalk", "Feishu"
CHANNELS = (WECOM, DINGTALK, FEISHU)
MAX_ATTEMPTS = 10


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


def backoff(attempts: int) -> int:
	"""Seconds before the next try after ``attempts`` failures: 1, 2, 4 … minutes, at most 6 hours."""
	return min(60 * 2 ** max(attempts - 1, 0), 6 * 3600)


@dataclass(frozen=True)
class Item:
	"""One thing a person is reminded of today."""

	recipient: str
	rule: str
	reference_doctype: str
	reference_name: str
	text: str  # English source text with {0}… placeholders, translated per recipient
	owner_unit: str | None = None
	args: tuple = ()

	@property
	def key(self) -> str:
		return f"{self.recipient}|{self.rule}|{self.reference_doctype}|{self.reference_name}"


def digests(items: Iterable[Item]) -> dict[str, list[Item]]:
	"""One digest per person: their items grouped, duplicates dropped, in rule order."""
	out: dict[str, dict[str, Item]] = defaultdict(dict)
	for item in items:
		out[item.recipient].setdefault(item.key, item)
	return {r: sorted(v.values(), key=lambda i: (i.rule, i.reference_name)) for r, v in sorted(out.items())}


def summary(items: Iterable[Item]) -> dict[str, int]:
	"""Records per rule (the school-wide summary), each record counted once."""
	seen: dict[str, set[str]] = defaultdict(set)
	for item in items:
		seen[item.rule].add(f"{item.reference_doctype}|{item.reference_name}")
	return {rule: len(refs) for rule, refs in sorted(seen.items())}
