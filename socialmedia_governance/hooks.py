import logging

import cssutils

from socialmedia_governance.permissions import OWNED_DOCTYPES

# Frappe renders emails (premailer) and PDFs with cssutils, which logs every CSS3 property it does
# not know as an error, for every email and PDF: thousands of lines in the workers' and the test
# run's output that hide the lines that matter.
cssutils.log.setLevel(logging.CRITICAL)

app_name = "socialmedia_governance"
app_title = "Social Media Governance"
app_publisher = "socialmedia_governance developers"
app_description = "Governance of a university's official social-media accounts and chat groups"
app_email = "dev@socialmedia-governance.local"
app_license = "mit"
required_apps = []

export_python_type_annotations = True

# Roles are owned by the app (admins assign them, never edit them): shipped as fixtures.
fixtures = [
	{
		"dt": "Role",
		"filters": [
			[
				"name",
				"in",
				[
					"Propaganda Manager",
					"Youth League Manager",
					"Unit Head",
					"Counsellor",
					"Club Advisor",
					"Account Administrator",
					"Group Owner",
					"Governance Auditor",
				],
			]
		],
	}
]

after_install = "socialmedia_governance.setup.install.after_install"
after_migrate = "socialmedia_governance.setup.install.after_migrate"
before_tests = "socialmedia_governance.setup.install.before_tests"

doctype_js = {
	# the account form also shows its activity, feed health and posting heatmap (monitoring)
	"Social Media Account": ["public/js/register.js", "public/js/account_activity.js"],
	"Social Media Group": "public/js/register.js",
}
# Word (.docx) menu on every form registered in socialmedia_governance/documents/forms.py
boot_session = "socialmedia_governance.boot.boot_session"
app_include_js = [
	"/assets/socialmedia_governance/js/word_download.js",
	# Select values and list indicators read in their DocType's words; reports' "Total" translated
	"/assets/socialmedia_governance/js/desk_i18n.js",
	# what people typed into the app's text fields shown as text in forms, lists and reports (issue 16)
	"/assets/socialmedia_governance/js/typed_text.js",
	# a chart redrawn while Frappe Charts animates it no longer throws "removeChild", and one made on a
	# hidden page waits until it is shown (every chart)
	"/assets/socialmedia_governance/js/desk_charts.js",
	# a form's timeline names its creator and last editor, not their logins (every form)
	"/assets/socialmedia_governance/js/form_people.js",
]
doctype_list_js = {
	"Social Media Account": "public/js/register_list.js",
	"Social Media Group": "public/js/register_list.js",
}

# Row-level access by tier (see socialmedia_governance/permissions.py): every DocType of
# permissions.OWNED_DOCTYPES is filtered by one query function (Frappe passes it the DocType) and
# checked by one has_permission
permission_query_conditions = dict.fromkeys(OWNED_DOCTYPES, "socialmedia_governance.permissions.owned_query")
has_permission = dict.fromkeys(OWNED_DOCTYPES, "socialmedia_governance.permissions.owned_doc_permission")

# Type checks on every document of the app before its own validation (socialmedia_governance/validation.py)
doc_events = {
	"*": {
		"before_validate": "socialmedia_governance.validation.before_validate",
		# a submitted document's allowed changes skip validate: type checks run here too
		"before_update_after_submit": "socialmedia_governance.validation.before_validate",
	},
	# whoever is newly named administrator (or group owner) is told (notifications/assignments.py)
	"Social Media Account": {
		"on_update": "socialmedia_governance.notifications.assignments.notify_new_administrators"
	},
	"Social Media Group": {
		"on_update": "socialmedia_governance.notifications.assignments.notify_new_administrators"
	},
	# posts the app already knows count as published posts (monitoring/posts.py)
	"Release Task": {"on_update": "socialmedia_governance.monitoring.posts.from_release_task"},
	"Content Filing": {"on_submit": "socialmedia_governance.monitoring.posts.from_content_filing"},
	"Governance Settings": {"validate": "socialmedia_governance.monitoring.activity.validate_settings"},
}

# Prints of the app's documents escape every typed value, whatever the print format
# (socialmedia_governance/printing.py)
pdf_body_html = "socialmedia_governance.printing.pdf_body_html"

override_whitelisted_methods = {
	# the app's clear message for someone acting on another person's approval step (issue 16)
	"frappe.model.workflow.apply_workflow": "socialmedia_governance.filing.workflow_actions.apply_workflow",
	"frappe.client.get_count": "socialmedia_governance.permissions.get_count",
	# the app's Script Reports from the cached Report document, Frappe's checks (issue 17)
	"frappe.desk.query_report.run": "socialmedia_governance.reports.run",
	"frappe.desk.listview.get_group_by_count": "socialmedia_governance.permissions.get_group_by_count",
	# the wkhtmltopdf warning only for those who can act on it (documents/pdf_check.py)
	"frappe.utils.pdf.is_wkhtmltopdf_valid": "socialmedia_governance.documents.pdf_check.is_wkhtmltopdf_valid",
}

scheduler_events = {
	"daily": [
		"socialmedia_governance.review.campaign.daily",
		"socialmedia_governance.monitoring.activity.daily",
		# the row-level scope columns of every register checked against the tree (registry/supervision.py)
		"socialmedia_governance.registry.supervision.refresh_scopes",
	],
	"cron": {
		# feeds due for polling (monitoring/feeds.py; each feed's own interval and backoff)
		"*/15 * * * *": ["socialmedia_governance.monitoring.feeds.poll_due"],
		"*/5 * * * *": [
			"socialmedia_governance.notifications.delivery.deliver_due",
			# the day's reminders, once, when the school's clock passes Reminder Settings' send time
			"socialmedia_governance.notifications.reminders.scheduled",
		],
	},
	"hourly": [
		"socialmedia_governance.content.jobs.hourly",
		"socialmedia_governance.mail.requeue_undelivered",
		# rows written by SQL get their row-level scope columns (registry/supervision.py)
		"socialmedia_governance.registry.supervision.fill_missing_scopes",
	],
}
