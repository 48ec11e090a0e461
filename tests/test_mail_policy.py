"""Which failed emails go back in the queue (policy/mail.py)."""

from datetime import datetime, timedelta

from socialmedia_governance.policy import mail

NOW = datetime(2026, 11, 23, 9, 0)
REFUSED = """Traceback (most recent call last):
  File "apps/frappe/frappe/email/smtp.py", line 86, in session
ConnectionRefusedError: [Errno 111] Connection refused

During handling of the above exception, another exception occurred:
frappe.exceptions.ValidationError: 无效的发送邮件服务器或端口: [Errno 111] Connection refused"""
RECIPIENT = """Traceback (most recent call last):
smtplib.SMTPRecipientsRefused: {'nobody@example.com': (550, b'5.1.1 user unknown')}"""


def test_an_unreachable_server_is_retried():
	assert mail.is_transient(REFUSED)
	assert mail.is_transient("smtplib.SMTPServerDisconnected: Connection unexpectedly closed")
	assert mail.is_transient("TimeoutError: timed out")
	assert mail.is_transient("smtplib.SMTPAuthenticationError: (535, b'bad login')")


def test_a_message_the_server_refused_is_not_retried():
	assert not mail.is_transient(RECIPIENT)
	assert not mail.is_transient(RECIPIENT + "\nConnectionResetError")  # refused first: permanent
	assert not mail.is_transient("ValueError: something else")
	assert not mail.is_transient(None)
	assert not mail.is_transient("")


def test_only_recent_failures_are_requeued():
	assert mail.should_requeue(REFUSED, NOW - timedelta(days=2), NOW)
	assert mail.should_requeue(REFUSED, NOW - timedelta(days=mail.REQUEUE_DAYS), NOW)
	assert not mail.should_requeue(REFUSED, NOW - timedelta(days=mail.REQUEUE_DAYS, seconds=1), NOW)
	assert not mail.should_requeue(RECIPIENT, NOW - timedelta(hours=1), NOW)
	assert mail.should_requeue(REFUSED, NOW - timedelta(days=5), NOW, days=7)
