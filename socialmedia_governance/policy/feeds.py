"""Feeds as pure rules: which address an account is polled at, which addresses may be fetched at
all (a server-side request to an address an admin typed: SSRF), when to try again after a
failure, and how a feed's health reads.

Most schools follow their accounts through RSS/Atom from a self-hosted RSSHub: a base URL and, per
platform, a route with ``{id}`` for the account's platform ID. An account may carry its own URL.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

ID = "{id}"

# RSSHub routes (docs.rsshub.app); WeChat official accounts have no single public route: each
# school picks one its RSSHub supports (e.g. /wechat/mp/{id} behind its own bridge).
DEFAULT_ROUTES = {
	"weibo": "/weibo/user/{id}",
	"bilibili": "/bilibili/user/video/{id}",
	"douyin": "/douyin/user/{id}",
	"xiaohongshu": "/xiaohongshu/user/{id}/notes",
	"kuaishou": "/kuaishou/user/{id}",
}

OK = "Healthy"
NO_NEW_ITEMS = "No New Items"
FAILING = "Failing"
NO_FEED = "No Feed"
STATES = (NO_FEED, OK, NO_NEW_ITEMS, FAILING)


def feed_url(
	own_url: str | None, base_url: str | None, route: str | None, platform_id: str | None
) -> str | None:
	"""The address an account's feed is polled at (the recompute builds the same in SQL)."""
	if (own_url or "").strip():
		return own_url.strip()
	base, route, platform_id = (base_url or "").strip(), (route or "").strip(), (platform_id or "")
	if not (base and route and platform_id):
		return None
	return base.rstrip("/") + "/" + route.lstrip("/").replace(ID, platform_id)


def route_error(route: str | None) -> str | None:
	if not route or ID not in route:
		return "A route must contain {id} where the account's platform ID goes."
	if "://" in route:
		return "A route is a path on the feed service, not a full address."
	return None


# ------------------------------------------------------------------------------------- SSRF


@dataclass(frozen=True)
class AllowList:
	hosts: frozenset[str]
	networks: tuple

	def allows(self, host: str, address: str) -> bool:
		if host.lower().rstrip(".") in self.hosts:
			return True
		ip = _ip(address)
		return ip is not None and any(ip in net for net in self.networks)


def allow_list(text: str | None) -> AllowList:
	"""One host name, address or network per line (blank lines and # comments ignored)."""
	hosts, networks = set(), []
	for line in (text or "").splitlines():
		entry = line.split("#", 1)[0].strip()
		if not entry:
			continue
		try:
			networks.append(ipaddress.ip_network(entry, strict=False))
		except ValueError:
			hosts.add(entry.lower().rstrip("."))
	return AllowList(frozenset(hosts), tuple(networks))


def _ip(address: str):
	try:
		ip = ipaddress.ip_address(address.split("%", 1)[0])
	except ValueError:
		return None
	if ip.version == 6 and ip.ipv4_mapped:
		return ip.ipv4_mapped
	return ip


def address_is_internal(address: str) -> bool:
	"""Loopback, private, link-local, multicast, reserved or unspecified: not the public internet.
	A string that is not an address counts as internal (refused)."""
	ip = _ip(address)
	if ip is None:
		return True
	return (
		ip.is_loopback
		or ip.is_private
		or ip.is_link_local
		or ip.is_multicast
		or ip.is_reserved
		or ip.is_unspecified
		or (ip.version == 6 and ip.sixtofour is not None and address_is_internal(str(ip.sixtofour)))
	)


def refusal(url: str, addresses: Iterable[str], allowed: AllowList) -> str | None:
	"""Why ``url`` (whose host resolved to ``addresses``) may not be fetched, or None."""
	parts = urlsplit(url)
	if parts.scheme not in ("http", "https"):
		return "Only http:// and https:// feeds are fetched."
	if not parts.hostname:
		return "The feed address has no host."
	if parts.username or parts.password:
		return "Feed addresses with a user name or password are not fetched."
	addresses = list(addresses)
	if not addresses:
		return "The feed's host name does not resolve."
	for address in addresses:
		if address_is_internal(address) and not allowed.allows(parts.hostname, address):
			return "The feed's host is an internal address (loopback, private or link-local); add it to the allowed hosts in Monitoring Settings if it is your feed service."
	return None


# ---------------------------------------------------------------------------- retries, health


def retry_after(failures: int, first_minutes: int, cap_minutes: int = 24 * 60) -> timedelta:
	"""Exponential backoff: first_minutes, doubled per further failure, at most a day."""
	if failures <= 0:
		return timedelta(0)
	return timedelta(minutes=min(first_minutes * 2 ** (failures - 1), cap_minutes))


def health(
	url: str | None,
	failing_since: datetime | None,
	last_new_item: datetime | None,
	watched_since: datetime | None,
	now: datetime,
	stale_days: int,
) -> str:
	if not url:
		return NO_FEED
	if failing_since:
		return FAILING
	since = last_new_item or watched_since
	if since and now - since >= timedelta(days=stale_days):
		return NO_NEW_ITEMS
	return OK


TEXTS = (
	*STATES,
	"A route must contain {id} where the account's platform ID goes.",
	"A route is a path on the feed service, not a full address.",
	"Only http:// and https:// feeds are fetched.",
	"The feed address has no host.",
	"Feed addresses with a user name or password are not fetched.",
	"The feed's host name does not resolve.",
	"The feed's host is an internal address (loopback, private or link-local); add it to the allowed hosts in Monitoring Settings if it is your feed service.",
	# fetch failures (monitoring.feeds.FeedError), stored as text|args and translated when shown
	"Redirect loop",
	"More than {0} redirects",
	"HTTP {0}",
	"HTTP {0} without a Location",
	"The feed is larger than {0} MB",
	"No answer within {0} seconds",
	"Connection failed: {0}",
	"Not a readable feed: {0}",
	"Not a feed (no RSS or Atom)",
)
