"""Fill the row-level scope columns (scope_tier2, scope_student) of the registers on an existing
site and add their (column, modified) indexes (issue 17): set-based, one UPDATE per scope."""

from socialmedia_governance.registry.supervision import add_scope_indexes, refresh_scopes


def execute():
	refresh_scopes()
	add_scope_indexes()
