"""IM robots and digests (issue 8) without a site."""

import base64
import hashlib
import hmac
from urllib.parse import parse_qs, urlsplit

import pytest

from socialmedia_governance.policy import digest, im


def test_dingtalk_signature_matches_the_documented_algorithm():
	secret, ts = "SEC000demo", 1700000000000
	expected = base64.b64encode(
		hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256).digest()
	).decode()
	assert im.dingtalk_sign(secret, ts) == expected
	url, body = im.request_for(
		im.DINGTALK, "https://oapi.dingtalk.com/robot/send?access_token=abc", "提醒\n内容", secret, ts / 1000
	)
	query = parse_qs(urlsplit(url).query)
	assert (
		query["access_token"] == ["abc"] and query["timestamp"] == [str(ts)] and query["sign"] == [expected]
	)
	assert body["msgtype"] == "markdown" and body["markdown"]["title"] == "提醒"


def test_feishu_signature_in_the_body():
	secret, ts = "feishu-secret", 1700000000
	expected = base64.b64encode(hmac.new(f"{ts}\n{secret}".encode(), b"", hashlib.sha256).digest()).decode()
	url, body = im.request_for(
		im.FEISHU, "https://open.feishu.cn/open-apis/bot/v2/hook/x", "提醒", secret, ts
	)
	assert url.endswith("/hook/x")
	assert body == {"msg_type": "text", "content": {"text": "提醒"}, "timestamp": str(ts), "sign": expected}


def test_wecom_markdown_and_unknown_channel():
	url, body = im.request_for(
		im.WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "**提醒**", None, 0
	)
	assert body == {"msgtype": "markdown", "markdown": {"content": "**提醒**"}}
	with pytest.raises(ValueError):
		im.request_for("Slack", "https://x", "t", None, 0)


def test_acceptance_codes():
	assert im.accepted(im.WECOM, 200, {"errcode": 0})
	assert not im.accepted(im.DINGTALK, 200, {"errcode": 310000, "errmsg": "sign not match"})
	assert not im.accepted(im.FEISHU, 200, {"code": 19021})
	assert im.accepted(im.FEISHU, 200, {"StatusCode": 0})
	assert not im.accepted(im.WECOM, 500, None)


def test_backoff_doubles_and_is_capped():
	assert [im.backoff(n) for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
	assert im.backoff(30) == 6 * 3600


def test_one_digest_per_person_and_a_summary_per_rule():
	items = [
		digest.Item("a@x", "change_report_due", "Change Report", "CR-1", "…"),
		digest.Item("a@x", "approval_waiting", "Opening Application", "OA-1", "…"),
		digest.Item("a@x", "approval_waiting", "Opening Application", "OA-1", "dup"),
		digest.Item("b@x", "approval_waiting", "Opening Application", "OA-1", "…"),
	]
	d = digest.digests(items)
	assert list(d) == ["a@x", "b@x"]
	assert [i.reference_name for i in d["a@x"]] == ["OA-1", "CR-1"]
	assert digest.summary(items) == {"approval_waiting": 1, "change_report_due": 1}


# ---------------------------------------------------------------- issue 20: size and rate limits
def _content(channel, text):
	"""The text as the robot receives it, and the bytes it counts against its limit (signed)."""
	url, body = im.request_for(channel, "https://robot.example.cn/hook?x=1", text, "SEC-secret", 1700000000)
	if channel == im.WECOM:
		return len(body["markdown"]["content"].encode())
	return len(im.encode(body))


def _lines(n):
	return [
		f"- 【{n % 7} 天内到期的年度检查报告】某某学院第{k}号公众号的年度检查报告将于 2026-12-31 到期："
		f"[AR-{k:05d}](https://smg.example.edu.cn/app/annual-review/AR-{k:05d})"
		for k in range(n)
	]


@pytest.mark.parametrize("channel", im.CHANNELS)
def test_a_province_scale_day_is_split_under_the_documented_limit_counts_first(channel):
	lines = _lines(6000)
	title = "**新媒体管理提醒 2026-12-20（{0}/{1}）**"
	lead = ["共 6000 项提醒", "- 7 天内到期的年度检查报告：6000"]
	parts = im.split(channel, title, lead, lines)
	assert len(parts) > 1
	assert all(_content(channel, p) <= im.SIZE_LIMIT[channel] for p in parts)
	assert parts[0].split("\n")[:3] == [title.format(1, len(parts)), *lead]
	assert [p.split("\n")[0] for p in parts] == [
		title.format(n, len(parts)) for n in range(1, len(parts) + 1)
	]
	carried = [x for p in parts for x in p.split("\n")[1:] if x not in lead]
	assert carried == lines  # every line, once, in order
	# messages are filled: splitting one more line off would not have been needed
	assert len(parts) <= sum(len(x.encode()) for x in lines) // (im.SIZE_LIMIT[channel] // 2) + 1


def test_wecom_limit_is_counted_in_utf8_bytes_not_characters():
	lines = ["字" * 600] * 4  # 1,800 bytes each: two per 4,096-byte message
	parts = im.split(im.WECOM, "T{0}/{1}", [], lines)
	assert len(parts) == 2 and all(len(p.encode()) <= 4096 for p in parts)


def test_a_line_longer_than_a_message_is_clipped_at_a_character():
	parts = im.split(im.WECOM, "T{0}/{1}", ["共 1 项"], ["长" * 3000])
	assert len(parts) == 2 and parts[1].endswith("…") and len(parts[1].encode()) <= 4096
	assert im.clip(im.WECOM, "短", 100) == "短"


def test_refusals_of_the_message_itself_and_halves():
	assert im.refused_as_sent(
		im.WECOM, 200, {"errcode": 40058, "errmsg": "markdown.content exceed max length 4096"}
	)
	assert im.refused_as_sent(
		im.DINGTALK, 200, {"errcode": 460101, "errmsg": "message too long, exceed 20000 bytes"}
	)
	assert im.refused_as_sent(im.FEISHU, 200, {"code": 9499, "msg": "Bad Request"})
	assert im.refused_as_sent(im.WECOM, 413, None)
	assert not im.refused_as_sent(im.WECOM, 200, {"errcode": 45009})  # too fast: retried later
	assert not im.refused_as_sent(im.DINGTALK, 500, None)
	assert im.halves("T\na\nb\nc") == ["T\na", "T\nb\nc"]
	assert im.halves("T\nonly") == ["T\nonly"]


def test_rate_limits_per_robot():
	now = 1000.0
	assert im.next_send_at(im.WECOM, [now - 30] * 19, now) == now
	assert im.next_send_at(im.WECOM, [now - 50 + k for k in range(20)], now) == now - 50 + 60
	assert im.next_send_at(im.DINGTALK, [now - 61] * 40, now) == now  # older than a minute
	assert im.next_send_at(im.FEISHU, [now - 0.5] * 5, now) == now + 0.5  # five a second
	assert im.next_send_at(im.FEISHU, [now - 0.5] * 4, now) == now


def test_typed_text_cannot_smuggle_markup_and_links_name_their_record():
	assert im.plain(im.WECOM, "[点我](http://evil)\n# 标题") == "［点我］（http://evil） ＃ 标题"
	assert im.plain(im.FEISHU, "a\nb") == "a b"
	assert im.link(im.WECOM, "CR-0001", "https://x/app/change-report/CR-0001") == (
		"[CR-0001](https://x/app/change-report/CR-0001)"
	)
	assert im.link(im.FEISHU, "CR-0001", "https://x/c") == "CR-0001 https://x/c"
	assert im.grouped([("t", "A", "u1"), ("s", "B", "u2"), ("t", "C", "u3"), ("t", "A", "u1")]) == [
		("t", [("A", "u1"), ("C", "u3")]),
		("s", [("B", "u2")]),
	]
