"""Posts in, from every source, in bulk: one upsert per chunk keyed by (account, post key), so a
post seen again (a feed polled twice, an export imported twice, a confirmation saved again) is never
duplicated; figures of a post seen again are refreshed when the source gives them.

Posts the app already knows become posts too: a confirmed coordinated-release task and a submitted
content filing (doc_events), and, once, everything recorded before this module existed
(``backfill``, a patch)."""

from __future__ import annotations

from collections.abc import Iterable

import frappe
from frappe.utils import get_datetime, now_datetime
from frappe.utils.html_utils import sanitize_html

from socialmedia_governance.policy import posts

POST = "Published Post"
CHUNK = 1000
COLUMNS = (
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"account",
	"account_name",
	"platform",
	"owner_unit",
	"tier",
	"published_at",
	"source",
	"first_seen",
	"reference_doctype",
	"reference_name",
	"title",
	"link",
	"summary",
	"dedupe_key",
	*posts.FIGURES,
)


# what the monitoring DocTypes read of their account (``PlatformRecord.platform_columns``)
ACCOUNT_COLUMNS = ("name", "account_name", "platform", "platform_id", "owner_unit", "tier", "status")


def stored_text(value: str) -> str:
	"""Outside text as the desk stores what users type (Frappe's XSS filter): shown as text."""
	return sanitize_html(value) if value and ("<" in value or ">" in value) else value


def clean(row: dict, first_seen) -> dict | None:
	"""A post from outside (feed, import) as plain, bounded text with a trusted time; None if it has
	neither title nor link."""
	title = posts.plain_text(row.get("title"), posts.TITLE_LENGTH)
	summary = posts.plain_text(row.get("summary"), posts.SUMMARY_LENGTH, multiline=True)
	link = posts.normalise_link(row.get("link"))
	if link and not link.lower().startswith(("http://", "https://")):
		link = ""
	if not title:
		title = posts.plain_text(summary, 60) or link[:120]
	if not title:
		return None
	published = posts.trusted_time(
		get_datetime(row["published_at"]) if row.get("published_at") else None, first_seen
	)
	return {
		**row,
		"title": stored_text(title),
		"summary": stored_text(summary) or None,
		"link": link or None,
		"published_at": published,
		**{f: posts.figure(row.get(f)) for f in posts.FIGURES},
	}


def upsert(rows: Iterable[dict], source: str, refresh_figures: bool = True, cleaned: bool = False) -> dict:
	"""Insert new posts and refresh the figures of known ones. ``rows``: dicts with ``account``,
	``published_at``, ``title``, ``link``, ``summary``, figures and optionally ``reference_doctype``
	/ ``reference_name``. Returns counts of new and known posts."""
	now = now_datetime()
	result = {"new": 0, "known": 0, "skipped": 0, "new_by_account": {}}
	batch: list[dict] = []
	for row in rows:
		row = row if cleaned else clean(row, now)
		if row is None:
			result["skipped"] += 1
			continue
		batch.append(row)
		if len(batch) >= CHUNK:
			_write(batch, source, now, refresh_figures, result)
			batch = []
	if batch:
		_write(batch, source, now, refresh_figures, result)
	return result


def _write(batch: list[dict], source: str, now, refresh_figures: bool, result: dict) -> None:
	accounts = {
		a.name: a
		for a in frappe.get_all(
			"Social Media Account",
			filters={"name": ("in", list({r["account"] for r in batch}))},
			fields=["name", "account_name", "platform", "owner_unit", "tier"],
		)
	}
	values, seen = [], set()
	for r in batch:
		account = accounts.get(r["account"])
		if not account:
			result["skipped"] += 1
			continue
		key = posts.dedupe_key(r.get("link"), r.get("title"), get_datetime(r["published_at"]))
		if (account.name, key) in seen:
			result["known"] += 1
			continue
		seen.add((account.name, key))
		values.append(
			(
				frappe.generate_hash(length=10),
				now,
				now,
				frappe.session.user,
				frappe.session.user,
				account.name,
				account.account_name,
				account.platform,
				account.owner_unit,
				account.tier,
				r["published_at"],
				source,
				now,
				r.get("reference_doctype"),
				r.get("reference_name"),
				r["title"],
				r.get("link"),
				r.get("summary"),
				key,
				*(r.get(f) or 0 for f in posts.FIGURES),
			)
		)
	if not values:
		return
	known = _known(values)
	result["known"] += len(known)
	result["new"] += len(values) - len(known)
	account_at, key_at = COLUMNS.index("account"), COLUMNS.index("dedupe_key")
	for v in values:
		if (v[account_at], v[key_at]) not in known:
			result["new_by_account"][v[account_at]] = result["new_by_account"].get(v[account_at], 0) + 1
	columns = ", ".join(f"`{c}`" for c in COLUMNS)
	placeholders = ", ".join(["(" + ", ".join(["%s"] * len(COLUMNS)) + ")"] * len(values))
	if refresh_figures:
		# figures only grow on the platforms: a re-import with newer figures raises them
		update = ", ".join(f"`{f}` = greatest(values(`{f}`), `{f}`)" for f in posts.FIGURES)
	else:
		update = "`name` = `name`"
	frappe.db.sql(
		f"insert into `tab{POST}` ({columns}) values {placeholders} on duplicate key update {update}",
		[v for row in values for v in row],
	)


def _known(values: list[tuple]) -> set[tuple[str, str]]:
	account_at, key_at = COLUMNS.index("account"), COLUMNS.index("dedupe_key")
	pairs = [(v[account_at], v[key_at]) for v in values]
	found = frappe.db.sql(
		f"""select `account`, `dedupe_key` from `tab{POST}`
		where `dedupe_key` in %(keys)s and `account` in %(accounts)s""",
		{"keys": [p[1] for p in pairs], "accounts": list({p[0] for p in pairs})},
	)
	return {tuple(f) for f in found} & set(pairs)


# ------------------------------------------------------------------ posts the app already knows


def from_release_task(doc, method=None) -> None:
	"""doc_events: a confirmed coordinated-release task is a post of its account."""
	if not doc.published_url:
		return
	upsert(
		[
			{
				"account": doc.account,
				"published_at": get_datetime(doc.published_at),
				"title": doc.release_title or doc.release,
				"link": posts.normalise_link(doc.published_url),
				"summary": None,
				"reference_doctype": doc.doctype,
				"reference_name": doc.name,
			}
		],
		posts.RELEASE,
		cleaned=True,  # already stored text of the app
	)


def from_content_filing(doc, method=None) -> None:
	"""doc_events: a filed publication is a post of its account."""
	upsert(
		[
			{
				"account": doc.account,
				"published_at": get_datetime(doc.published_at),
				"title": doc.title or doc.name,
				"link": posts.normalise_link(doc.published_url),
				"summary": doc.content,
				"reference_doctype": doc.doctype,
				"reference_name": doc.name,
			}
		],
		posts.FILING,
		cleaned=True,
	)


def backfill() -> int:
	"""Once (patch): every confirmed release task and filed publication becomes a post, in two
	set-based statements; posts already there are left alone."""
	before = frappe.db.count(POST)
	common = """`name`, `creation`, `modified`, `owner`, `modified_by`, `account`, `account_name`,
		`platform`, `owner_unit`, `tier`, `published_at`, `source`, `first_seen`, `reference_doctype`,
		`reference_name`, `title`, `link`, `summary`, `dedupe_key`"""
	account_cols = "a.`account_name`, a.`platform`, a.`owner_unit`, a.`tier`"
	frappe.db.sql(
		f"""insert ignore into `tab{POST}` ({common})
		select left(sha1(concat('rt', t.`name`)), 10), now(), now(), 'Administrator', 'Administrator',
			t.`account`, {account_cols}, t.`published_at`, %(release)s, t.`modified`, 'Release Task', t.`name`,
			coalesce(t.`release_title`, t.`release`), t.`published_url`, null, sha1(t.`published_url`)
		from `tabRelease Task` t join `tabSocial Media Account` a on a.`name` = t.`account`
		where ifnull(t.`published_url`, '') != '' and t.`published_at` is not null""",
		{"release": posts.RELEASE},
	)
	frappe.db.sql(
		f"""insert ignore into `tab{POST}` ({common})
		select left(sha1(concat('cf', f.`name`)), 10), now(), now(), 'Administrator', 'Administrator',
			f.`account`, {account_cols}, f.`published_at`, %(filing)s, f.`modified`, 'Content Filing', f.`name`,
			coalesce(f.`title`, f.`name`), f.`published_url`, f.`content`, sha1(f.`published_url`)
		from `tabContent Filing` f join `tabSocial Media Account` a on a.`name` = f.`account`
		where f.`docstatus` = 1 and ifnull(f.`published_url`, '') != ''""",
		{"filing": posts.FILING},
	)
	return frappe.db.count(POST) - before
