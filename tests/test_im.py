"""IM robots and digests (issue 8) without a site."""

import base64
import hashlib
import hmac
from urllib.parse import parse_qs, urlsplit

import pytest

from socialmedia_governance.policy import im


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
		im.Item("a@x", "change_report_due", "Change Report", "CR-1", "…"),
		im.Item("a@x", "approval_waiting", "Opening Application", "OA-1", "…"),
		im.Item("a@x", "approval_waiting", "Opening Application", "OA-1", "dup"),
		im.Item("b@x", "approval_waiting", "Opening Application", "OA-1", "…"),
	]
	d = im.digests(items)
	assert list(d) == ["a@x", "b@x"]
	assert [i.reference_name for i in d["a@x"]] == ["OA-1", "CR-1"]
	assert im.summary(items) == {"approval_waiting": 1, "change_report_due": 1}
