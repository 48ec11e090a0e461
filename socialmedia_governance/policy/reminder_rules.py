"""The reminder rules' table (pure: no frappe import): for every rule its default number of days,
what it reminds of (the label people read, with the number of days from Reminder Settings) and
the texts of its items. ``notifications.reminders`` pairs each id with its one query; the
translation check reads the texts from here, so there is no second list to keep.

Labels are plain words for the people who read them: no clause codes, no "N" placeholders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

# When the day's reminders go out, school time, unless Reminder Settings say otherwise.
DEFAULT_SEND_TIME = time(8, 30)


@dataclass(frozen=True)
class Rule:
	days: int  # default days (lead time or threshold); 0 where the rule takes none
	label: str  # what it reminds of; "{0}" is replaced by the days set for the rule
	texts: tuple[str, ...]  # the items' texts, "{0}", "{1}" … filled from the record

	@property
	def takes_days(self) -> bool:
		return "{0}" in self.label


RULES: dict[str, Rule] = {
	"approval_waiting": Rule(
		3, "Approvals waiting longer than {0} days", ("{0} {1} waits for your approval ({2}).",)
	),
	"change_report_due": Rule(
		1,
		"Change reports due within {0} days or overdue",
		("Change report for {0} is due {1}.", "Change report for {0} is overdue (due {1})."),
	),
	"password_rotation_pending": Rule(
		0,
		"Personnel changes without a password rotation",
		("Change the password of {0} and confirm the rotation.",),
	),
	"group_unfiled": Rule(
		0,
		"Groups that must be filed and are not",
		(
			"{0} must be filed with the Propaganda Department.",
			"{0} must be filed with the Propaganda Department; its supervisor must first join the group and be recorded as a member.",
		),
	),
	"account_never_filed": Rule(
		7,
		"Accounts registered over {0} days ago and not filed",
		("{0} is not filed yet: submit its opening application.",),
	),
	"review_due": Rule(7, "Annual reports due within {0} days", ("The annual report of {0} is due {1}.",)),
	"review_overdue": Rule(0, "Annual reports overdue", ("The annual report of {0} is overdue (due {1}).",)),
	"rectification_due": Rule(
		7, "Rectification deadlines within {0} days", ("Rectification of {0} is due {1}.",)
	),
	"release_straggler": Rule(
		0, "Coordinated releases not confirmed yet", ("Publish {0} on {1} and confirm it.",)
	),
	"incident_overdue": Rule(
		0, "Incidents not handled in time", ("Incident on {0} is not handled in time.",)
	),
	"award_ban_ending": Rule(7, "Award bans ending within {0} days", ("The award ban on {0} ends {1}.",)),
	"graduation_handover": Rule(
		0,
		"Graduation-season handover of student administrators",
		("Graduation season: hand {0} over to a new administrator and report the change.",),
	),
	# monitoring (issue 19; queries in monitoring/reminders.py, thresholds in Governance Settings)
	"activity_warning": Rule(
		0,
		"Accounts silent and nearing the red line",
		("{0} has not published for {1} days: {2} days left before the red line.",),
	),
	"dormant_account": Rule(
		0,
		"Dormant accounts (silent past the red line)",
		("{0} has not published for {1} days (red line: {2} days).",),
	),
	"graduation_groups": Rule(
		0,
		"Class groups to clear out in graduation season",
		("Graduation season: if its class graduates, dissolve {0} or hand it over.",),
	),
}

# Every text above, for the translation check (policy.runtime_texts).
TEXTS = tuple(dict.fromkeys(t for rule in RULES.values() for t in (rule.label, *rule.texts)))


def send_time(value) -> time:
	"""A Time field's value (a string "HH:MM[:SS]", a timedelta from the database, a time) as a
	time; the default when it is empty."""
	if value in (None, ""):
		return DEFAULT_SEND_TIME
	if isinstance(value, time):
		return value
	if isinstance(value, timedelta):
		seconds = int(value.total_seconds()) % 86400
		return time(seconds // 3600, seconds // 60 % 60, seconds % 60)
	hours, minutes, *rest = (str(value).split(".")[0] + ":0").split(":")[:3]
	return time(int(hours), int(minutes), int(rest[0]) if rest and rest[0] else 0)


def is_due(now: datetime, at, last_day) -> bool:
	"""Whether the day's reminders are to go out now: the school's clock has passed the send time
	and they have not gone out today (``last_day``: the day they last went out)."""
	if last_day and str(last_day)[:10] == now.date().isoformat():
		return False
	return now.time() >= send_time(at)
