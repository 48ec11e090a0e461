"""A real loopback HTTP server that speaks like an RSSHub instance, with the faults feeds have in
the wild. Used by the site tests and by bench/feed_bench.py (with a latency per request)."""

from __future__ import annotations

import random
import socket
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


def rss(title: str, items: list[dict], encoding: str = "utf-8") -> bytes:
	"""An RSS 2.0 document shaped like RSSHub's output (CDATA descriptions, guid = link)."""
	parts = [
		f'<?xml version="1.0" encoding="{encoding}"?>',
		'<rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"><channel>',
		f"<title><![CDATA[{title}]]></title><link>https://weibo.com/</link>",
		"<description><![CDATA[Made with love by RSSHub(https://github.com/DIYgod/RSSHub)]]></description>",
		"<generator>RSSHub</generator><ttl>5</ttl>",
	]
	for item in items:
		parts.append(
			"<item>"
			f"<title><![CDATA[{item['title']}]]></title>"
			f"<description><![CDATA[{item.get('description', '')}]]></description>"
			f"<pubDate>{item['pubDate']}</pubDate>"
			f'<guid isPermaLink="false">{item["link"]}</guid>'
			f"<link>{item['link']}</link>"
			"</item>"
		)
	parts.append("</channel></rss>")
	return "".join(parts).encode(encoding)


def pub_date(moment: datetime) -> str:
	return format_datetime(moment.astimezone(timezone.utc), usegmt=True)


def gbk_news(number: int) -> bytes:
	"""A college news feed in GB2312 (its XML declaration says so) with one item, link /``number``."""
	return rss(
		"学院新闻",
		[
			{
				"title": "学院召开教学工作会议",
				"link": f"https://example.edu.cn/{number}",
				"pubDate": pub_date(datetime(2026, 11, 20, 8, tzinfo=timezone.utc)),
			}
		],
		encoding="gb2312",
	)


def items_for(account: str, count: int = 3, now: datetime | None = None) -> list[dict]:
	now = now or datetime.now(timezone.utc)
	return [
		{
			"title": f"{account} 第{n}条动态",
			"description": f"<p>正文{n}</p>",
			"link": f"https://weibo.com/{account}/{n}",
			"pubDate": pub_date(now - timedelta(hours=6 * n + 1)),
		}
		for n in range(count)
	]


class FeedServer:
	"""Routes: /weibo/user/<id> (3 items, ETag + Last-Modified, 304 when unchanged), and the
	faults /fault/<name>. ``latency`` = (min, max) seconds slept before each answer."""

	def __init__(self, latency: tuple[float, float] | None = None):
		self.latency = latency
		self.requests: list[tuple[str, dict]] = []
		self.lock = threading.Lock()
		self.feeds: dict[str, bytes] = {}  # path -> body served instead of the generated one
		server = self

		class Handler(BaseHTTPRequestHandler):
			protocol_version = "HTTP/1.1"

			def log_message(self, *args):
				pass

			def do_GET(self):
				with server.lock:
					server.requests.append((self.path, dict(self.headers)))
				if server.latency:
					time.sleep(random.uniform(*server.latency))
				try:
					server.answer(self)
				except (BrokenPipeError, ConnectionResetError):
					pass

		self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		self.httpd.daemon_threads = True
		self.port = self.httpd.server_address[1]
		self.base = f"http://127.0.0.1:{self.port}"
		self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
		# a host that accepts connections and never answers (the kernel completes the handshake)
		self.silent = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
		self.silent.bind(("127.0.0.1", 0))
		self.silent.listen(64)
		self.silent_base = f"http://127.0.0.1:{self.silent.getsockname()[1]}"

	def __enter__(self):
		self.thread.start()
		return self

	def __exit__(self, *exc):
		self.httpd.shutdown()
		self.httpd.server_close()
		self.silent.close()

	def send(self, handler, status: int, body: bytes = b"", headers: dict | None = None, length: bool = True):
		handler.send_response(status)
		for key, value in (headers or {}).items():
			handler.send_header(key, value)
		if length:
			handler.send_header("Content-Length", str(len(body)))
		handler.end_headers()
		if body:
			handler.wfile.write(body)

	def answer(self, h):
		path = urlsplit(h.path).path
		if path in self.feeds:
			return self.send(h, 200, self.feeds[path], {"Content-Type": "application/rss+xml; charset=utf-8"})
		if path.startswith("/weibo/user/"):
			account = path.rsplit("/", 1)[-1]
			body = rss(
				f"{account} 的微博", items_for(account, now=datetime(2026, 11, 29, 12, tzinfo=timezone.utc))
			)
			etag = f'"{account}-v1"'
			if h.headers.get("If-None-Match") == etag:
				return self.send(h, 304, headers={"ETag": etag})
			return self.send(
				h,
				200,
				body,
				{
					"Content-Type": "application/rss+xml; charset=utf-8",
					"ETag": etag,
					"Last-Modified": "Sun, 29 Nov 2026 12:00:00 GMT",
				},
			)
		fault = path.removeprefix("/fault/")
		if fault == "404":
			return self.send(h, 404, b"<html>Not Found</html>", {"Content-Type": "text/html"})
		if fault == "500":
			return self.send(h, 500, b"Internal Server Error", {"Content-Type": "text/plain"})
		if fault == "malformed":
			return self.send(
				h, 200, b"<<<?? this is <not> xml & never was", {"Content-Type": "application/xml"}
			)
		if fault == "html-page":
			return self.send(
				h,
				200,
				b"<html><body><h1>Login</h1><script>x()</script></body></html>",
				{"Content-Type": "text/html"},
			)
		if fault == "slow":
			time.sleep(5)
			return self.send(h, 200, rss("slow", []), {"Content-Type": "application/rss+xml"})
		if fault == "loop":
			return self.send(h, 302, headers={"Location": "/fault/loop"})
		if fault == "loop-a":
			return self.send(h, 301, headers={"Location": f"{self.base}/fault/loop-b"})
		if fault == "loop-b":
			return self.send(h, 301, headers={"Location": "/fault/loop-a"})
		if fault == "to-metadata":
			return self.send(h, 302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
		if fault == "to-private":
			return self.send(h, 302, headers={"Location": "http://10.1.2.3/feed"})
		if fault in ("huge", "huge-chunked"):
			return self.huge(h, declared=fault == "huge")
		if fault == "gbk":
			return self.send(h, 200, gbk_news(1), {"Content-Type": "application/rss+xml"})
		if fault == "gbk-header-lies":
			return self.send(h, 200, gbk_news(2), {"Content-Type": "application/rss+xml; charset=utf-8"})
		if fault == "dates":
			items = [
				{
					"title": "来自未来",
					"link": "https://example.com/future",
					"pubDate": "Fri, 01 Jan 2100 00:00:00 GMT",
				},
				{
					"title": "来自1970",
					"link": "https://example.com/epoch",
					"pubDate": "Thu, 01 Jan 1970 00:00:00 GMT",
				},
				{"title": "没有日期", "link": "https://example.com/nodate", "pubDate": "not a date"},
			]
			return self.send(h, 200, rss("dates", items), {"Content-Type": "application/rss+xml"})
		if fault == "hostile":
			items = [
				{
					"title": "<script>alert('t')</script><img src=x onerror=alert(1)>招生<b>简章</b>",
					"description": "<iframe src=javascript:alert(2)></iframe><p>正文</p>",
					"link": "https://example.com/hostile",
					"pubDate": pub_date(datetime(2026, 11, 28, 8, tzinfo=timezone.utc)),
				},
				{
					"title": "bad link",
					"description": "",
					"link": "javascript:alert(3)",
					"pubDate": pub_date(datetime(2026, 11, 27, 8, tzinfo=timezone.utc)),
				},
			]
			return self.send(h, 200, rss("hostile", items), {"Content-Type": "application/rss+xml"})
		return self.send(h, 404, b"no such route")

	def huge(self, h, declared: bool):
		chunk = b"<item><title>x</title></item>" * 4096
		total = 50 * 1024 * 1024
		h.send_response(200)
		h.send_header("Content-Type", "application/rss+xml")
		if declared:
			h.send_header("Content-Length", str(total))
		else:
			h.send_header("Transfer-Encoding", "chunked")
		h.end_headers()
		sent = 0
		try:
			while sent < total:
				if declared:
					h.wfile.write(chunk)
				else:
					h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
				sent += len(chunk)
			if not declared:
				h.wfile.write(b"0\r\n\r\n")
		except (BrokenPipeError, ConnectionResetError):
			pass
