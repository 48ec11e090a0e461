"""Count the reviews of every campaign into the Annual Review Tally (issue 17) on an existing site:
one INSERT … SELECT per campaign, and the campaign's totals added up from it."""

import frappe

from socialmedia_governance.review.campaign import update_counts


def execute():
	for campaign in frappe.get_all("Annual Review Campaign", pluck="name"):
		update_counts(campaign)
