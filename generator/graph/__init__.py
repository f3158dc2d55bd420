"""The site model: entities and the cross-reference graph built from valid records."""
