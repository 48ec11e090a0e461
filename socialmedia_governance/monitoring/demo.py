"""A year of posts for the demo university's accounts (issue 19): most publish every few days,
some are going quiet (silent past the warning day), some are dormant (silent past the red line),
so that the heatmap, the Dormant Accounts report and the cards show something real. Idempotent:
a second run adds nothing. Called by ``setup/demo.py`` (``monitoring.demo.load_posts()``)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import frappe
from frappe.utils import now_datetime

from socialmedia_governance.monitoring import activity
from socialmedia_governance.monitoring import posts as post_store
from socialmedia_governance.monitoring.install import seed_settings
from socialmedia_governance.policy import feeds, platforms, posts

SEED = 20261130
TITLES = (
	"学院召开{n}月份党政联席会议",
	"“青春向党”主题团日活动顺利开展",
	"图书馆{n}月新书推荐",
	"校园招聘会第{n}场即将举行",
	"关于做好近期疫情防控工作的提示",
	"我院学子在省级竞赛中荣获佳绩",
	"教学质量月活动启动",
	"新生入学教育系列讲座（第{n}讲）",
	"志愿服务队走进社区",
	"学术讲座预告：数字经济与财政治理",
	"毕业季｜致毕业生的一封信",
	"安全教育：防范电信网络诈骗",
)
DEMO_FEED_BASE = "https://rsshub.demo.edu.cn"


def profile(index: int) -> str:
	"""Six in ten accounts active, two going quiet, two dormant."""
	return (
		"active",
		"active",
		"quiet",
		"active",
		"dormant",
		"active",
		"active",
		"quiet",
		"dormant",
		"active",
	)[index % 10]


def days_of(kind: str, rng: random.Random, now: datetime) -> list[datetime]:
	stop = {"active": rng.randint(0, 3), "quiet": rng.randint(10, 13), "dormant": rng.randint(20, 120)}[kind]
	every = rng.choice((1, 2, 3, 4)) if kind == "active" else rng.choice((3, 5, 7))
	day, out = 365, []
	while day >= stop:
		moment = now - timedelta(days=day, hours=rng.randint(0, 10), minutes=rng.randint(0, 59))
		out.append(moment.replace(hour=rng.choice((8, 9, 12, 18, 20)), second=0, microsecond=0))
		day -= max(1, every + rng.randint(-1, 2))
	if stop not in [(now.date() - d.date()).days for d in out]:
		out.append((now - timedelta(days=stop)).replace(hour=9, minute=0, second=0, microsecond=0))
	return out


def load_posts() -> int:
	"""The demo's year of posts, its feed settings and the activity facts; returns posts added."""
	seed_settings()
	if frappe.db.count("Published Post", {"source": ("in", [posts.IMPORT, posts.FEED])}):
		activity.recompute()
		return 0
	settings = frappe.get_single("Monitoring Settings")
	settings.feed_base_url = settings.feed_base_url or DEMO_FEED_BASE
	settings.polling_enabled = 0  # the demo's feed service does not exist: nothing is fetched
	settings.flags.ignore_permissions = True
	settings.save()
	rng = random.Random(SEED)
	now = now_datetime()
	accounts = frappe.get_all(
		"Social Media Account",
		filters={"status": platforms.ACTIVE},
		fields=["name", "account_name", "platform"],
		order_by="name",
	)
	added = 0
	for index, account in enumerate(accounts):
		kind = profile(index)
		source = (
			posts.FEED if account.platform in {r.platform for r in settings.feed_routes} else posts.IMPORT
		)
		rows = []
		for n, moment in enumerate(days_of(kind, rng, now)):
			title = rng.choice(TITLES).format(n=moment.month)
			rows.append(
				{
					"account": account.name,
					"title": title,
					"link": f"https://example.edu.cn/demo/{account.name}/{n}",
					"summary": f"{account.account_name}：{title}",
					"published_at": moment,
					"reads": rng.randint(80, 5000),
					"likes": rng.randint(0, 300),
					"shares": rng.randint(0, 120),
					"comments": rng.randint(0, 40),
					"wow": rng.randint(0, 60),
				}
			)
		added += post_store.upsert(rows, source)["new"]
	activity.recompute()
	# feed health the desk can show: fetched an hour ago, one feed failing for two days
	polled = frappe.get_all(
		"Account Activity", filters={"effective_feed_url": ("is", "set")}, pluck="name", order_by="name"
	)
	for n, name in enumerate(polled):
		values = {"feed_checked_at": now - timedelta(hours=1), "feed_state": feeds.OK}
		if n == 0:
			values.update(
				{
					"feed_state": feeds.FAILING,
					"failing_since": now - timedelta(days=2),
					"feed_error": "HTTP {0}|503",
					"feed_failures": 6,
				}
			)
		frappe.db.set_value("Account Activity", name, values, update_modified=False)
	frappe.db.commit()
	return added
