"""A change report's completion (S13, S17): open until recorded; a personnel change is complete
only once the account's password was changed after it."""

OPEN = "Open"
AWAITING_ROTATION = "Awaiting Password Rotation"
COMPLETE = "Complete"
COMPLETION_STATUSES = (OPEN, AWAITING_ROTATION, COMPLETE)  # the Select options, in order
