"""Issue 19: posts the app knew before the monitoring module (release confirmations, content
filings) become Published Posts, the RSSHub routes are seeded, and the activity facts are computed
once."""


def execute():
	from socialmedia_governance.monitoring import activity, install, posts

	install.seed_settings()
	posts.backfill()
	activity.recompute()
