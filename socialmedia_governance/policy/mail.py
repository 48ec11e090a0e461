"""Which undelivered emails to put back in the queue (pure: no frappe import).

Frappe's Email Queue tries a message a few times, minutes apart, and then marks it "Error" for
good: an SMTP server down for a quarter of an hour would lose every reminder and notice sent
meanwhile. Messages that failed because the server could not be reached or refused the
connection or the login are put back (the outage ends, or the admin fixes the account); a
message the server refused for itself (a recipient that does not exist, content rejected) is
not retried, and nothing older than ``REQUEUE_DAYS`` is sent late."""

from __future__ import annotations

from datetime import datetime, timedelta

REQUEUE_DAYS = 3

# Found in the stored traceback of a failed send: the server could not be reached or talked to.
TRANSIENT_MARKERS = (
	"ConnectionRefusedError",
	"ConnectionResetError",
	"ConnectionAbortedError",
	"TimeoutError",
	"socket.timeout",
	"socket.gaierror",
	"Temporary failure in name resolution",
	"Network is unreachable",
	"No route to host",
	"SMTPServerDisconnected",
	"SMTPConnectError",
	"SMTPHeloError",
	"SMTPAuthenticationError",
	"OutgoingEmailError",
	"Invalid Outgoing Mail Server or Port",
)
# The server answered and refused this message: retrying would fail the same way.
PERMANENT_MARKERS = (
	"SMTPRecipientsRefused",
	"SMTPSenderRefused",
	"SMTPDataError",
	"InvalidEmailAddressError",
)


def is_transient(error: str | None) -> bool:
	"""Whether a failed send's error says the server was out of reach (worth another try)."""
	text = error or ""
	if any(marker in text for marker in PERMANENT_MARKERS):
		return False
	return any(marker in text for marker in TRANSIENT_MARKERS)


def should_requeue(error: str | None, created: datetime, now: datetime, days: int = REQUEUE_DAYS) -> bool:
	return is_transient(error) and now - created <= timedelta(days=days)
