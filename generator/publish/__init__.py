"""Publish: write the generated files into docs/ and run MkDocs (or ProperDocs)."""
