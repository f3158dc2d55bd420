"""Language: Vietnamese text, collation, document numbers, places and names."""
