"""Issue 19: posts the app knew before the monitoring module (release confirmations, content
filings) become Published Posts, and the activity facts are computed once."""


def execute():
	from socialmedia_governance.monitoring import activity, posts

	posts.backfill()
	activity.recompute()
