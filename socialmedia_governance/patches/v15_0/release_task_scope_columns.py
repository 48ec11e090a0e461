"""Release Task carries the row-level scope columns (scope_tier2, scope_student): the row-level rule
reads a tier-2 unit's head's and the Youth League's tasks through them, and Coordinated Release
Progress counts theirs from an index led by them. On an existing site the new columns are empty:
filled from the tree, set-based, by the same code as the hourly fill of rows written by SQL; then
the release's issue copies them from the accounts and the tree code keeps them
(supervision.scope_registers finds the DocType by its fields)."""

from socialmedia_governance.registry.supervision import fill_missing_scopes


def execute():
	fill_missing_scopes()
