"""Texts that the app translates at run time from a variable (``_(TEXT)``), listed here so
the translation check sees them. Keep every such text in this tuple."""

from socialmedia_governance.policy import (
	access,
	activity,
	feeds,
	post_import,
	presets,
	reminder_rules,
	routes,
	tiers,
)

TEXTS = (
	*tiers.BASIS_TEXT.values(),
	*tiers.UNIT_TYPES,
	*tiers.TIER_LABELS.values(),
	"Other",
	"Not Set",
	*access.GOVERNANCE_ROLES,
	*presets.PRESETS,
	*presets.TIER3_REVIEWERS,
	"Public Account",
	"Chat Group",
	"platform",
	*routes.STEPS,
	routes.APPROVED,
	routes.REJECTED,
	# workflow states and actions of the shipped workflows (filing.workflows)
	"Pending Supervisor",
	"Pending Youth League",
	"Pending Propaganda",
	"Submit for Approval",
	"Approve",
	"Reject",
	"Revise",
	# reminder labels and messages from the rule table, translated per recipient (notifications.reminders)
	*reminder_rules.TEXTS,
	# monitoring (issue 19): activity states, feed health and refusals, import reasons, translated when shown
	*activity.TEXTS,
	*feeds.TEXTS,
	*post_import.TEXTS,
)
