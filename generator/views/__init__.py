"""Readers' views of the whole site: statistics, timeline, feeds, open data."""
