"""The statuses that controllers and set-based SQL name from ``policy/`` are the Select options users
pick from and lists filter by: one list per field, read from the DocType's own definition."""

import json
from pathlib import Path

import pytest

from socialmedia_governance.policy import change_reports, content, review

APP = Path(review.__file__).resolve().parents[1]
CASES = [
	(("content", "release_task"), "status", content.TASK_STATUSES),
	(("filing", "change_report"), "completion_status", change_reports.COMPLETION_STATUSES),
	(("review", "annual_review"), "status", review.STATUSES),
	(("review", "annual_review"), "outcome", ("", *review.OUTCOMES)),
]


@pytest.mark.parametrize(("where", "fieldname", "constants"), CASES)
def test_policy_statuses_are_the_select_options(where, fieldname, constants):
	module, doctype = where
	path = APP / module / "doctype" / doctype / f"{doctype}.json"
	fields = {f["fieldname"]: f for f in json.loads(path.read_text(encoding="utf-8"))["fields"]}
	assert tuple(fields[fieldname]["options"].split("\n")) == constants


def test_open_and_done_tasks_split_the_statuses():
	assert set(content.TASK_OPEN) | set(content.TASK_DONE) == set(content.TASK_STATUSES)
	assert not set(content.TASK_OPEN) & set(content.TASK_DONE)
