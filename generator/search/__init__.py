"""Search: what each page says to the search, and the sharded index files."""
