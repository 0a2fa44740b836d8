"""Getting evidence files in: scanning, extracting, tagging and storing them in the index."""
