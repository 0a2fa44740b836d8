"""Getting answers out of the index: queries, coverage and reports."""
