"""Records: read the editors' files and validate them against the record format."""
