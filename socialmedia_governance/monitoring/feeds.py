"""The feed poller (issue 19): fetches the feeds of all active accounts with bounded concurrency,
a cap per host, an optional pause between requests to one host, timeouts, conditional requests
(ETag / Last-Modified), exponential backoff after failures and a refusal of internal addresses
(SSRF: loopback, private, link-local) unless Monitoring Settings allow them. Feeds are parsed by
feedparser. Worker threads only fetch and parse; the database is written by the calling thread in
batches, so memory is bounded by the concurrency, not by the number of accounts.

Each account's Account Activity row shows its feed's health: OK, no new items since…, failing since
… with …."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import feedparser
import frappe
import requests
from frappe.utils import get_system_timezone, now_datetime

from socialmedia_governance.monitoring import posts as post_store
from socialmedia_governance.policy import activity as activity_policy
from socialmedia_governance.policy import feeds, posts

SETTINGS = "Monitoring Settings"
ACTIVITY = "Account Activity"
MAX_REDIRECTS = 5
MAX_ENTRIES = 500
USER_AGENT = "socialmedia-governance-feed-poller/1.0"
WRITE_BATCH = 200


@dataclass(frozen=True)
class Options:
	concurrency: int = 16
	host_connections: int = 8
	host_interval: float = 0.0
	timeout: float = 15.0
	max_bytes: int = 10 * 1024 * 1024
	allowed: feeds.AllowList = field(default_factory=lambda: feeds.allow_list(""))
	timezone: str = "Asia/Shanghai"


@dataclass
class Job:
	account: str
	url: str
	etag: str | None = None
	last_modified: str | None = None


@dataclass
class Outcome:
	job: Job
	ok: bool
	not_modified: bool = False
	error: str | None = None
	entries: list[dict] = field(default_factory=list)
	etag: str | None = None
	last_modified: str | None = None


class FeedError(Exception):
	"""A failure shown on the account: ``text`` is an English message with ``args`` (translated
	when shown)."""

	def __init__(self, text: str, *args):
		super().__init__(text.format(*args) if args else text)
		self.text, self.args_ = text, args


def options() -> Options:
	s = frappe.get_cached_doc(SETTINGS)
	return Options(
		concurrency=int(s.concurrency or 16),
		host_connections=int(s.host_connections or 8),
		host_interval=float(s.host_interval_seconds or 0),
		timeout=float(s.timeout_seconds or 15),
		max_bytes=int(s.max_feed_mb or 10) * 1024 * 1024,
		allowed=feeds.allow_list(s.allowed_hosts),
		timezone=get_system_timezone(),
	)


# ----------------------------------------------------------------------------- per-host politeness


class Hosts:
	"""At most ``connections`` requests in flight per host, and ``interval`` seconds between the
	starts of two requests to one host."""

	def __init__(self, connections: int, interval: float):
		self.connections, self.interval = connections, interval
		self.lock = threading.Lock()
		self.slots: dict[str, threading.BoundedSemaphore] = {}
		self.next_start: dict[str, float] = {}

	def slot(self, host: str) -> threading.BoundedSemaphore:
		with self.lock:
			if host not in self.slots:
				self.slots[host] = threading.BoundedSemaphore(self.connections)
			return self.slots[host]

	def wait_turn(self, host: str) -> None:
		if self.interval <= 0:
			return
		with self.lock:
			now = time.monotonic()
			start = max(now, self.next_start.get(host, now))
			self.next_start[host] = start + self.interval
		if start > now:
			time.sleep(start - now)


# ----------------------------------------------------------------------------------- fetching


def resolve(host: str, port: int) -> list[str]:
	try:
		return sorted({info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)})
	except (socket.gaierror, UnicodeError):
		return []


def check_address(url: str, opts: Options) -> None:
	parts = urlsplit(url)
	port = parts.port or (443 if parts.scheme == "https" else 80)
	addresses = resolve(parts.hostname, port) if parts.hostname else []
	if refusal := feeds.refusal(url, addresses, opts.allowed):
		raise FeedError(refusal)


def fetch(job: Job, session: requests.Session, opts: Options, hosts: Hosts) -> Outcome:
	"""One feed: its bytes through the redirects (each hop checked), then its entries."""
	try:
		body, response = _download(job, session, opts, hosts)
		if response is None:
			return Outcome(job, ok=True, not_modified=True, etag=job.etag, last_modified=job.last_modified)
		entries = parse(body, response.headers, opts)
		return Outcome(
			job,
			ok=True,
			entries=entries,
			etag=response.headers.get("ETag"),
			last_modified=response.headers.get("Last-Modified"),
		)
	except FeedError as error:
		return Outcome(job, ok=False, error=_error_text(error))
	except requests.Timeout:
		return Outcome(
			job, ok=False, error=_error_text(FeedError("No answer within {0} seconds", int(opts.timeout)))
		)
	except requests.RequestException as error:
		return Outcome(
			job, ok=False, error=_error_text(FeedError("Connection failed: {0}", type(error).__name__))
		)


def _error_text(error: FeedError) -> str:
	# stored as "text|arg|arg": translated when shown (monitoring.api.feed_health)
	return "|".join([error.text, *(str(a)[:200] for a in error.args_)])[:1000]


def _download(job: Job, session: requests.Session, opts: Options, hosts: Hosts):
	url, seen = job.url, set()
	headers = {
		"User-Agent": USER_AGENT,
		"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.1",
	}
	if job.etag:
		headers["If-None-Match"] = job.etag
	if job.last_modified:
		headers["If-Modified-Since"] = job.last_modified
	for _hop in range(MAX_REDIRECTS + 1):
		if url in seen:
			raise FeedError("Redirect loop")
		seen.add(url)
		check_address(url, opts)
		host = urlsplit(url).hostname or ""
		slot = hosts.slot(host)
		with slot:
			hosts.wait_turn(host)
			started = time.monotonic()
			response = session.get(
				url, headers=headers, timeout=(opts.timeout, opts.timeout), allow_redirects=False, stream=True
			)
			try:
				if response.is_redirect:
					location = response.headers.get("Location")
					if not location:
						raise FeedError("HTTP {0} without a Location", response.status_code)
					url = urljoin(url, location)
					continue
				if response.status_code == 304:
					return None, None
				if response.status_code != 200:
					raise FeedError("HTTP {0}", response.status_code)
				declared = response.headers.get("Content-Length")
				if declared and declared.isdigit() and int(declared) > opts.max_bytes:
					raise FeedError("The feed is larger than {0} MB", opts.max_bytes // (1024 * 1024))
				chunks, size = [], 0
				for chunk in response.iter_content(65536):
					size += len(chunk)
					if size > opts.max_bytes:
						raise FeedError("The feed is larger than {0} MB", opts.max_bytes // (1024 * 1024))
					if time.monotonic() - started > 2 * opts.timeout:
						raise FeedError("No answer within {0} seconds", int(opts.timeout))
					chunks.append(chunk)
				return b"".join(chunks), response
			finally:
				response.close()
	raise FeedError("More than {0} redirects", MAX_REDIRECTS)


def _when(parsed, tz: ZoneInfo) -> datetime | None:
	if not parsed:
		return None
	try:
		moment = datetime(*parsed[:6], tzinfo=timezone.utc)
	except (TypeError, ValueError):
		return None
	return moment.astimezone(tz).replace(tzinfo=None)


def parse(body: bytes, headers, opts: Options) -> list[dict]:
	"""Entries of a feed (feedparser); a document that is no feed at all is an error."""
	result = feedparser.parse(
		body,
		response_headers={
			k.lower(): v
			for k, v in headers.items()
			if k.lower() in ("content-type", "content-location", "content-language")
		},
		sanitize_html=True,
		resolve_relative_uris=False,
	)
	if not result.entries:
		if result.get("bozo"):
			problem = result.get("bozo_exception")
			raise FeedError("Not a readable feed: {0}", type(problem).__name__ if problem else "?")
		if not result.get("version"):
			raise FeedError("Not a feed (no RSS or Atom)")
		return []
	tz = ZoneInfo(opts.timezone)
	entries = []
	for entry in result.entries[:MAX_ENTRIES]:
		summary = entry.get("summary") or ""
		if not summary and entry.get("content"):
			summary = entry["content"][0].get("value") or ""
		entries.append(
			{
				"title": entry.get("title") or "",
				"link": entry.get("link") or entry.get("id") or "",
				"summary": summary,
				"published_at": _when(entry.get("published_parsed") or entry.get("updated_parsed"), tz),
			}
		)
	return entries


# -------------------------------------------------------------------------------------- polling


def poll(jobs: Iterable[Job], opts: Options, handle: Callable[[Outcome], None]) -> int:
	"""Fetch every job with at most ``opts.concurrency`` in flight; ``handle`` gets each outcome in
	the calling thread. Only a window of 2× the concurrency is ever submitted."""
	hosts = Hosts(opts.host_connections, opts.host_interval)
	count = 0
	with requests.Session() as session, ThreadPoolExecutor(max_workers=opts.concurrency) as pool:
		adapter = requests.adapters.HTTPAdapter(
			pool_connections=opts.concurrency, pool_maxsize=opts.concurrency, max_retries=0
		)
		session.mount("http://", adapter)
		session.mount("https://", adapter)
		session.trust_env = False  # never through a proxy from the environment
		pending = set()
		iterator: Iterator[Job] = iter(jobs)
		exhausted = False
		while pending or not exhausted:
			while not exhausted and len(pending) < 2 * opts.concurrency:
				job = next(iterator, None)
				if job is None:
					exhausted = True
					break
				pending.add(pool.submit(fetch, job, session, opts, hosts))
			if not pending:
				break
			done, pending = wait(pending, return_when=FIRST_COMPLETED)
			for future in done:
				handle(future.result())
				count += 1
	return count


def due_jobs(now: datetime, accounts: list[str] | None = None) -> list[Job]:
	"""Feeds of active accounts that are due (never polled, or their next poll has come)."""
	settings = frappe.get_cached_doc(SETTINGS)
	routes = {r.platform: r.route_template for r in settings.feed_routes}
	condition = (
		"and a.`account` in %(accounts)s"
		if accounts
		else "and (a.`next_poll_at` is null or a.`next_poll_at` <= %(now)s)"
	)
	rows = frappe.db.sql(
		f"""select a.`account`, a.`feed_url`, a.`feed_etag`, a.`feed_last_modified`, s.`platform`, s.`platform_id`
		from `tab{ACTIVITY}` a join `tabSocial Media Account` s on s.`name` = a.`account`
		where s.`status` = %(active)s {condition}""",
		{"active": activity_policy.MONITORED_STATUS, "now": now, "accounts": accounts or [""]},
		as_dict=True,
	)
	jobs = []
	for r in rows:
		url = feeds.feed_url(r.feed_url, settings.feed_base_url, routes.get(r.platform), r.platform_id)
		if url:
			jobs.append(Job(r.account, url, r.feed_etag, r.feed_last_modified))
	return jobs


class Writer:
	"""Writes outcomes in batches: new posts (one upsert), then every account's feed columns (one
	INSERT … ON DUPLICATE KEY UPDATE on Account Activity)."""

	def __init__(self, now: datetime):
		settings = frappe.get_cached_doc(SETTINGS)
		self.now = now
		self.interval = timedelta(minutes=int(settings.poll_interval_minutes or 60))
		self.retry_minutes = int(settings.retry_minutes or 15)
		self.stale = int(settings.stale_days or 14)
		self.batch: list[Outcome] = []
		self.totals = {"feeds": 0, "failed": 0, "new_posts": 0}

	def __call__(self, outcome: Outcome) -> None:
		self.batch.append(outcome)
		if len(self.batch) >= WRITE_BATCH:
			self.flush()

	def flush(self) -> None:
		if not self.batch:
			return
		batch, self.batch = self.batch, []
		rows = [{**entry, "account": o.job.account} for o in batch if o.ok for entry in o.entries]
		result = post_store.upsert(rows, posts.FEED, refresh_figures=False)
		new = result["new_by_account"]
		self.totals["new_posts"] += result["new"]
		previous = {
			r.name: r
			for r in frappe.get_all(
				ACTIVITY,
				filters={"name": ("in", [o.job.account for o in batch])},
				fields=["name", "feed_failures", "failing_since", "last_new_item_at", "creation"],
			)
		}
		values = []
		for o in batch:
			before = previous.get(o.job.account)
			failures = 0 if o.ok else int((before.feed_failures if before else 0) or 0) + 1
			failing_since = None if o.ok else ((before.failing_since if before else None) or self.now)
			last_new = self.now if new.get(o.job.account) else (before.last_new_item_at if before else None)
			state = feeds.health(
				o.job.url,
				failing_since,
				last_new,
				before.creation if before else self.now,
				self.now,
				self.stale,
			)
			next_poll = self.now + (
				self.interval if o.ok else feeds.retry_after(failures, self.retry_minutes)
			)
			values.append(
				(
					o.job.account,
					self.now,
					self.now,
					"Administrator",
					"Administrator",
					o.job.account,
					o.job.url,
					state,
					self.now,
					last_new,
					failing_since,
					None if o.ok else o.error,
					failures,
					next_poll,
					(o.etag or None) if o.ok else o.job.etag,
					(o.last_modified or None) if o.ok else o.job.last_modified,
				)
			)
			self.totals["feeds"] += 1
			self.totals["failed"] += 0 if o.ok else 1
		columns = (
			"name, creation, modified, owner, modified_by, account, effective_feed_url, feed_state, feed_checked_at, "
			"last_new_item_at, failing_since, feed_error, feed_failures, next_poll_at, feed_etag, feed_last_modified"
		).split(", ")
		updates = ", ".join(f"`{c}` = values(`{c}`)" for c in columns[6:])
		placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(values))
		frappe.db.sql(
			f"""insert into `tab{ACTIVITY}` ({", ".join(f"`{c}`" for c in columns)}) values {placeholders}
			on duplicate key update {updates}""",
			[v for row in values for v in row],
		)


def poll_accounts(
	accounts: list[str] | None = None, now: datetime | None = None, opts: Options | None = None
) -> dict:
	"""Poll the due feeds (or those of ``accounts``), store new posts and every feed's health."""
	now = now or now_datetime()
	jobs = due_jobs(now, accounts)
	writer = Writer(now)
	poll(jobs, opts or options(), writer)
	writer.flush()
	return writer.totals


def poll_due() -> None:
	"""Scheduler (every 15 minutes): one long job at a time polls what is due."""
	if not frappe.db.get_single_value(SETTINGS, "polling_enabled"):
		return
	frappe.enqueue(
		"socialmedia_governance.monitoring.feeds.run_due",
		queue="long",
		timeout=3600,
		job_id="smg-feed-poll",
		deduplicate=True,
	)


def run_due() -> None:
	poll_accounts()
	frappe.db.commit()
