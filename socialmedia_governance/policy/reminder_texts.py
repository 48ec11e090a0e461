"""Texts of the reminders (notifications.reminders): messages with placeholders and rule
descriptions, translated for each recipient at run time."""

TEXTS = (
	"Accounts in draft for N days (S4, H7.1)",
	"Annual reports due within N days (S16)",
	"Annual reports overdue (S16)",
	"Approvals waiting longer than N days",
	"Award bans ending within N days (H10.1)",
	"Change report for {0} is due {1}.",
	"Change report for {0} is overdue (due {1}).",
	"Change reports due tomorrow or overdue (S13, H7.2)",
	"Change the password of {0} and confirm the rotation.",
	"Coordinated release stragglers (H8)",
	"Graduation season: hand {0} over to a new administrator and report the change.",
	"Graduation-season handover of student administrators",
	"Groups over the filing threshold and unfiled (H4.1)",
	"Incident on {0} is not handled in time.",
	"Incidents not handled in time (H9)",
	"Publish {0} on {1} and confirm it.",
	"Rectification deadlines within N days (S16)",
	"Rectification of {0} is due {1}.",
	"The annual report of {0} is due {1}.",
	"The annual report of {0} is overdue (due {1}).",
	"The award ban on {0} ends {1}.",
	"{0} is not filed yet: submit its opening application.",
	"{0} must be filed with the Propaganda Department.",
	"{0} {1} waits for your approval ({2}).",
)
