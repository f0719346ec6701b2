"""Shared figures for query-count tests."""

# A request that reads a care recipient's records writes the access log at the end: one query
# for the recipients' units (and which are the reader's own), one INSERT of all rows.
ACCESS_LOG = 2
