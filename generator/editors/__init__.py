"""Editors' tools: draft a record from an article, format records, the JSON Schema."""
